package org.activelearning.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.PrimitiveIterator;
import java.util.Set;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.testing.SoftmaxRegression;
import org.activelearning.core.testing.SyntheticProblem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pool whose lookups are remote (a table on a cluster) is told which inputs are about to be read,
 * so that it can fetch them in one request: the loop never reads an input it did not announce.
 */
class RemotePoolPrefetchTest {

    @TempDir
    java.nio.file.Path dir;

    /** Counts inputs read without a prefetch that named them, as a remote pool would pay for each. */
    static final class RemotePool implements Pool<double[]> {
        final Pool<double[]> local;
        final Set<Long> fetched = new HashSet<>();
        int requests;
        int misses;

        RemotePool(Pool<double[]> local) {
            this.local = local;
        }

        @Override
        public void prefetch(long[] ids) {
            requests++;
            for (long id : ids) {
                fetched.add(id);
            }
        }

        @Override
        public double[] input(long id) {
            if (!fetched.contains(id)) {
                misses++;
            }
            return local.input(id);
        }

        @Override
        public int size() {
            return local.size();
        }

        @Override
        public int labeledCount() {
            return local.labeledCount();
        }

        @Override
        public boolean contains(long id) {
            return local.contains(id);
        }

        @Override
        public boolean isLabeled(long id) {
            return local.isLabeled(id);
        }

        @Override
        public void markLabeled(long id) {
            local.markLabeled(id);
        }

        @Override
        public void markUnlabeled(long id) {
            local.markUnlabeled(id);
        }

        @Override
        public PrimitiveIterator.OfLong unlabeledIds() {
            return local.unlabeledIds();
        }

        @Override
        public PrimitiveIterator.OfLong labeledIds() {
            return local.labeledIds();
        }

        @Override
        public PrimitiveIterator.OfLong allIds() {
            return local.allIds();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"least-confidence", "margin", "entropy", "random"})
    void theLoopAnnouncesEveryInputItReads(String strategy) throws Exception {
        SyntheticProblem p = new SyntheticProblem(300, 50, 4);
        RemotePool pool = new RemotePool(p.pool());
        try (var journal = org.activelearning.core.journal.LabelJournal.open(dir.resolve("labels.journal"),
                org.activelearning.core.journal.LabelCodec.integers())) {
            ActiveLearningLoop.<double[], Integer>builder().setPool(pool).setLearner(new SoftmaxRegression(3, 2))
                    .setOracle(p.oracle()).setStrategy(QueryStrategies.subsampled(QueryStrategies.byName(strategy), 120))
                    .optInitialSelection(InitialSelection.random(10)).optQuerySize(5).optScoringChunkSize(50)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(3)).optJournal(journal).build().run();
        }
        assertThat(pool.labeledCount()).isEqualTo(25);
        assertThat(pool.misses).as("inputs read without a prefetch").isZero();
        // batches, not single ids: a few requests per round, not one per input
        assertThat(pool.requests).isLessThan(40);
    }
}
