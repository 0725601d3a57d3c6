package org.activelearning.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.Answer;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LoopResult;
import org.activelearning.core.Oracle;
import org.activelearning.core.Pool;
import org.activelearning.core.Query;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.ResNet18;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unchanged loop, oracle and journal on the driver; only the pool and the strategy change. */
class SparkLoopTest {

    private static final int N = 200;

    @Test
    void aLoopOverASparkPoolAsksWhatTheSameLoopAsksOnOneMachine(@TempDir Path dir) throws Exception {
        CifarDataset data = SyntheticImages.generate(N, 8);
        SparkPool sparkPool = SparkPool.of(SparkTesting.rows(data, 3), "id", ImageColumn.planar("image", 32, 32));
        long[] ids = new long[N];
        for (int i = 0; i < N; i++) {
            ids[i] = SparkTesting.idOf(i);
        }
        Pool<PlanarImage> localPool = Pool.ofIds(ids, id -> data.image((int) ((id - 1) / 3)));
        CheckpointShipping shipping = CheckpointShipping.localTemporary(SparkTesting.spark());

        List<Long> sparkAsked = new ArrayList<>();
        LoopResult spark = run(sparkPool, SparkStrategies.byName("least-confidence", SparkTesting.factory(), shipping),
                data, sparkAsked, dir.resolve("spark.journal"));
        List<Long> localAsked = new ArrayList<>();
        LoopResult local = run(localPool, QueryStrategies.leastConfidence(), data, localAsked,
                dir.resolve("local.journal"));

        assertThat(sparkAsked).hasSize(30 + 2 * 10).doesNotHaveDuplicates();
        assertThat(sparkAsked).containsExactlyElementsOf(localAsked);
        assertThat(spark.history()).hasSameSizeAs(local.history());
        assertThat(sparkPool.labeledCount()).isEqualTo(50);
        // every answer is in the driver's journal, as with any pool
        String journal = Files.readString(dir.resolve("spark.journal"));
        for (long id : sparkAsked) {
            assertThat(journal).contains("\"id\":" + id + ",");
        }
    }

    private static LoopResult run(Pool<PlanarImage> pool, QueryStrategy<PlanarImage> strategy, CifarDataset data,
            List<Long> asked, Path journalFile) throws Exception {
        Oracle<PlanarImage, Integer> truth = (queries, answers) -> {
            for (Query<PlanarImage> q : queries) {
                asked.add(q.id());
                answers.accept(Answer.of(q.id(), data.label((int) ((q.id() - 1) / 3))));
            }
        };
        try (ResNetLearner learner = ResNetLearner.builder().setClassNames(SyntheticImages.CLASSES)
                .optStem(ResNet18.Stem.IMAGENET).optBatchSize(32).optMinSteps(30).optDevice("cpu").optSeed(7).build();
                LabelJournal<Integer> journal = LabelJournal.open(journalFile, LabelCodec.integers())) {
            ActiveLearningLoop<PlanarImage, Integer> loop = ActiveLearningLoop.<PlanarImage, Integer>builder()
                    .setPool(pool).setLearner(learner).setStrategy(strategy).setOracle(truth)
                    .optInitialSelection(InitialSelection.random(30)).optQuerySize(10)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(2)).optJournal(journal).optSeed(9).build();
            return loop.run();
        }
    }
}
