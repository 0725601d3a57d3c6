package org.activelearning.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.activelearning.core.Pool;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Selections on Spark in local[2] equal the single-machine selections for the same model and seed. */
class DistributedSelectionTest {

    private static final int N = 300;
    private static final int LABELED = 40;
    private static CifarDataset data;
    private static ResNetLearner learner;
    private static SparkPool sparkPool;
    private static Pool<PlanarImage> localPool;
    private static CheckpointShipping shipping;

    @BeforeAll
    static void setUp() throws Exception {
        data = SyntheticImages.generate(N, 5);
        learner = SparkTesting.trained(data, LABELED);
        sparkPool = SparkPool.of(SparkTesting.rows(data, 5), "id", ImageColumn.planar("image", 32, 32));
        long[] ids = new long[N];
        for (int i = 0; i < N; i++) {
            ids[i] = SparkTesting.idOf(i);
        }
        localPool = Pool.ofIds(ids, id -> data.image((int) ((id - 1) / 3)));
        for (int i = 0; i < LABELED; i++) {
            sparkPool.markLabeled(SparkTesting.idOf(i));
            localPool.markLabeled(SparkTesting.idOf(i));
        }
        shipping = CheckpointShipping.localTemporary(SparkTesting.spark());
    }

    @AfterAll
    static void tearDown() {
        learner.close();
    }

    private static List<Query<PlanarImage>> select(QueryStrategy<PlanarImage> strategy, Pool<PlanarImage> pool,
            int k, long seed) {
        return strategy.select(QueryContext.of(pool, learner, new SplittableRandom(seed)), k);
    }

    private static void assertSameSelection(List<Query<PlanarImage>> spark, List<Query<PlanarImage>> local) {
        assertThat(spark).extracting(Query::id).containsExactlyElementsOf(local.stream().map(Query::id).toList());
        for (int i = 0; i < local.size(); i++) {
            if (!Double.isNaN(local.get(i).score())) {
                assertThat(spark.get(i).score()).isCloseTo(local.get(i).score(), within(1e-5));
            }
            assertThat(spark.get(i).input().data()).as("the image of id %d", local.get(i).id())
                    .isEqualTo(SparkPool.planarBytes(local.get(i).input()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"least-confidence", "margin", "entropy", "random"})
    void theSelectionIsTheSingleMachineSelection(String name) {
        List<Query<PlanarImage>> spark =
                select(SparkStrategies.byName(name, SparkTesting.factory(), shipping), sparkPool, 25, 11);
        List<Query<PlanarImage>> local = select(QueryStrategies.byName(name), localPool, 25, 11);
        assertThat(spark).hasSize(25);
        assertSameSelection(spark, local);
        // a real ranking, not ties resolved by id: the scores vary
        if (!name.equals("random")) {
            assertThat(spark.get(0).score()).isGreaterThan(spark.get(24).score());
        }
    }

    @Test
    void candidateSubsamplingAndFiltersSelectTheSameSubsetForTheSameSeed() {
        QueryStrategy<PlanarImage> spark = QueryStrategies.subsampled(
                SparkStrategies.byName("margin", SparkTesting.factory(), shipping), 60).where(id -> id % 2 == 0);
        QueryStrategy<PlanarImage> local = QueryStrategies.<PlanarImage>subsampled(QueryStrategies.margin(), 60)
                .where(id -> id % 2 == 0);
        List<Query<PlanarImage>> a = select(spark, sparkPool, 10, 3);
        assertSameSelection(a, select(local, localPool, 10, 3));
        assertThat(a).allMatch(q -> q.id() % 2 == 0);
        // another seed draws another subset
        assertThat(select(spark, sparkPool, 10, 4)).extracting(Query::id)
                .isNotEqualTo(a.stream().map(Query::id).toList());
    }

    @Test
    void aFailedTaskIsRetriedBySparkAndTheSelectionIsTheSame() {
        List<Query<PlanarImage>> local = select(QueryStrategies.leastConfidence(), localPool, 20, 1);
        ScorePartition.failFirstAttemptOfPartition = 2;
        try {
            List<Query<PlanarImage>> spark = select(
                    SparkStrategies.byName("least-confidence", SparkTesting.factory(), shipping), sparkPool, 20, 1);
            assertSameSelection(spark, local);
        } finally {
            ScorePartition.failFirstAttemptOfPartition = -1;
        }
    }

    @Test
    void executorsLoadEachCheckpointOncePerJvmAndANewModelReplacesIt() throws Exception {
        QueryStrategy<PlanarImage> lc = SparkStrategies.byName("least-confidence", SparkTesting.factory(), shipping);
        select(lc, sparkPool, 5, 1);
        int before = ExecutorModels.loads();
        select(lc, sparkPool, 5, 1); // 5 partitions on 2 threads, the same weights: no new load
        assertThat(ExecutorModels.loads()).isEqualTo(before);
        try (ResNetLearner other = SparkTesting.trained(data, LABELED + 20)) {
            List<Query<PlanarImage>> spark = lc.select(QueryContext.of(sparkPool, other, new SplittableRandom(1)), 10);
            assertThat(ExecutorModels.loads()).isEqualTo(before + 1);
            List<Query<PlanarImage>> local = QueryStrategies.<PlanarImage>leastConfidence()
                    .select(QueryContext.of(localPool, other, new SplittableRandom(1)), 10);
            assertSameSelection(spark, local);
        }
    }

    @Test
    void aCheckpointExecutorsCannotReadIsAnErrorBeforeAnyScoring(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("checkpoint.bin");
        PublishedCheckpoint missing = new PublishedCheckpoint(file.toUri().toString(), 10, "00");
        assertThatThrownBy(() -> shipping.verify(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Executors cannot read the model checkpoint " + file.toUri())
                .hasMessageContaining("FileNotFoundException")
                .hasMessageContaining("a file system every executor can read (HDFS, S3 or a shared mount)");
        Files.write(file, new byte[] {1, 2, 3});
        PublishedCheckpoint changed = new PublishedCheckpoint(file.toUri().toString(), 10, "00");
        assertThatThrownBy(() -> shipping.verify(changed))
                .hasMessageContaining("read 3 bytes with SHA-256 039058c6")
                .hasMessageContaining("but the driver wrote 10 bytes with 00");
        // a directory the driver cannot write is named as such
        Path notADirectory = dir.resolve("file");
        Files.writeString(notADirectory, "x");
        CheckpointShipping blocked = CheckpointShipping.through(SparkTesting.spark(), notADirectory.toString());
        assertThatThrownBy(() -> blocked.publish(learner))
                .hasMessageContaining("The driver cannot write the model checkpoint to " + notADirectory);
    }

    @Test
    void strategiesThatAreNotDistributedAndWrongPoolsOrLearnersAreClearErrors() throws Exception {
        assertThatThrownBy(() -> SparkStrategies.byName("badge", SparkTesting.factory(), shipping))
                .hasMessageContaining("'badge' is not supported on Spark")
                .hasMessageContaining("use least-confidence, margin, entropy or random");
        assertThatThrownBy(() -> SparkStrategies.byName("bald", SparkTesting.factory(), shipping))
                .hasMessageContaining("Monte Carlo dropout passes are not distributed");
        assertThatThrownBy(() -> SparkStrategies.byName("nope", SparkTesting.factory(), shipping))
                .hasMessageContaining("Unknown query strategy 'nope'");
        QueryStrategy<PlanarImage> lc = SparkStrategies.byName("least-confidence", SparkTesting.factory(), shipping);
        assertThatThrownBy(() -> select(lc, localPool, 5, 1))
                .hasMessageContaining("needs a SparkPool, got a IdPool");
        assertThatThrownBy(() -> CheckpointShipping.through(SparkTesting.spark(), null))
                .isInstanceOf(NullPointerException.class);
        assertThat(CheckpointShipping.of(SparkTesting.spark(), "hdfs:///tmp/x").directory()).isEqualTo("hdfs:///tmp/x");
        assertThat(CheckpointShipping.of(SparkTesting.spark(), null).directory())
                .as("a local master ships through a temporary local directory").startsWith("file:");
    }
}
