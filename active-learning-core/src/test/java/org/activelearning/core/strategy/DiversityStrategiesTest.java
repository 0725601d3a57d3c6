package org.activelearning.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Learner;
import org.activelearning.core.Pool;
import org.activelearning.core.Probabilities;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.testing.FixedLearner;
import org.activelearning.core.testing.VectorLearner;
import org.junit.jupiter.api.Test;

class DiversityStrategiesTest {

    private static List<Long> select(QueryStrategy<Long> s, Pool<Long> pool, Learner<Long, ?> learner, int k, long seed,
            int chunk) {
        QueryContext<Long> ctx = new QueryContext<>(pool, learner, 1, new SplittableRandom(seed), chunk, id -> false);
        return s.select(ctx, k).stream().map(Query::id).toList();
    }

    /** Points on a line: id i sits at x = position[i]. */
    private static VectorLearner line(double... position) {
        return new VectorLearner(2, 1, id -> new float[] {(float) position[(int) id]}, id -> new double[] {0.5, 0.5},
                null);
    }

    @Test
    void coreSetPicksTheCandidateFarthestFromTheLabeledSetThenCoversOutward() {
        // id 0 labeled at x=0; candidates at 1, 2, 10, 11
        Pool<Long> pool = Pool.range(0, 5, id -> id);
        pool.markLabeled(0);
        VectorLearner learner = line(0, 1, 2, 10, 11);
        assertThat(select(QueryStrategies.coreSet(), pool, learner, 1, 1, 1024)).containsExactly(4L);
        // after 11 is covered: 1 is 1 away, 2 is 2 away, 10 is 1 away -> 2; then 1 and 10 tie at 1 -> smaller id 1
        assertThat(select(QueryStrategies.coreSet(), pool, learner, 3, 1, 1024)).containsExactly(4L, 2L, 1L);
        List<Query<Long>> q = QueryStrategies.<Long>coreSet().select(
                new QueryContext<>(pool, learner, 1, new SplittableRandom(1), 2, id -> false), 2);
        assertThat(q.get(0).score()).isCloseTo(11, within(1e-6));
        assertThat(q.get(1).score()).isCloseTo(2, within(1e-6));
    }

    @Test
    void coreSetSeesTheEmbeddingsThroughAWrapperAndNamesTheMissingCapability() {
        Pool<Long> pool = Pool.range(0, 3, id -> id);
        pool.markLabeled(0);
        VectorLearner inner = line(0, 5, 1);
        Learner<Long, Integer> wrapper = new Learner<>() {
            @Override
            public List<Integer> classes() {
                return inner.classes();
            }

            @Override
            public void fit(List<LabeledExample<Long, Integer>> labeled) {}

            @Override
            public Probabilities predictProbabilities(List<Long> inputs) {
                return inner.predictProbabilities(inputs);
            }

            @Override
            public <C> Optional<C> capability(Class<C> type) {
                return inner.capability(type);
            }
        };
        assertThat(select(QueryStrategies.coreSet(), pool, wrapper, 1, 1, 8)).containsExactly(1L);
        FixedLearner plain = new FixedLearner(2, java.util.Map.of(1L, new double[] {0.5, 0.5}, 2L,
                new double[] {0.5, 0.5}));
        assertThatThrownBy(() -> select(QueryStrategies.coreSet(), pool, plain, 1, 1, 8))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Strategy 'coreset' needs embeddings")
                .hasMessageContaining("does not implement EmbeddingModel");
        assertThatThrownBy(() -> select(QueryStrategies.bald(), pool, plain, 1, 1, 8))
                .hasMessageContaining("Strategy 'bald' needs stochastic passes");
    }

    /** Reference BADGE: materializes every gradient embedding and runs k-means++ seeding on them. */
    private static List<Long> badgeByOuterProducts(long[] ids, float[][] h, double[][] p, int k, long seed) {
        int n = ids.length;
        double[][] g = new double[n][];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) {
                if (p[i][c] > p[i][best]) {
                    best = c;
                }
            }
            g[i] = new double[p[i].length * h[i].length];
            for (int c = 0; c < p[i].length; c++) {
                for (int j = 0; j < h[i].length; j++) {
                    g[i][c * h[i].length + j] = ((float) p[i][c] - (c == best ? 1 : 0)) * h[i][j];
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Long> picks = new ArrayList<>();
        boolean[] taken = new boolean[n];
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        int center = 0;
        for (int i = 1; i < n; i++) {
            if (dot(g[i], g[i]) > dot(g[center], g[center])) {
                center = i;
            }
        }
        for (int t = 0; t < k; t++) {
            if (t > 0) {
                center = Badge.sample(d2, taken, rnd.nextDouble());
            }
            taken[center] = true;
            picks.add(ids[center]);
            for (int i = 0; i < n; i++) {
                double[] diff = new double[g[i].length];
                for (int j = 0; j < diff.length; j++) {
                    diff[j] = g[i][j] - g[center][j];
                }
                d2[i] = taken[i] ? 0 : Math.min(d2[i], dot(diff, diff));
            }
        }
        return picks;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void badgeEqualsKMeansPlusPlusOnMaterializedGradientEmbeddings() {
        int n = 40;
        int d = 5;
        int c = 3;
        SplittableRandom gen = new SplittableRandom(7);
        float[][] h = new float[n][d];
        double[][] p = new double[n][c];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                h[i][j] = (float) gen.nextGaussian();
            }
            double sum = 0;
            for (int j = 0; j < c; j++) {
                p[i][j] = Math.exp(2 * gen.nextGaussian());
                sum += p[i][j];
            }
            for (int j = 0; j < c; j++) {
                p[i][j] /= sum;
            }
        }
        long[] ids = new long[n];
        Arrays.setAll(ids, i -> 100 + i);
        Pool<Long> pool = Pool.range(100, n, id -> id);
        VectorLearner learner = new VectorLearner(c, d, id -> h[(int) (id - 100)], id -> p[(int) (id - 100)], null);
        for (long seed : new long[] {1, 2, 3}) {
            List<Long> picks = select(QueryStrategies.badge(), pool, learner, 8, seed, 7);
            assertThat(picks).as("seed %d", seed).isEqualTo(badgeByOuterProducts(ids, h, p, 8, seed));
            assertThat(select(QueryStrategies.badge(), pool, learner, 8, seed, 7)).as("deterministic").isEqualTo(picks);
        }
        assertThat(select(QueryStrategies.badge(), pool, learner, 8, 1, 7))
                .isNotEqualTo(select(QueryStrategies.badge(), pool, learner, 8, 2, 7));
    }

    @Test
    void badgeWithOneConfidencePatternReducesToKMeansPlusPlusOnTheFeatures() {
        // every candidate has the same probabilities, so every gradient is the same residual times its
        // features: distances are the feature distances scaled by one constant, and the first center is the
        // longest feature vector
        float[][] h = {{0, 0}, {1, 0}, {0, 3}, {5, 5}, {0.5f, 0}};
        Pool<Long> pool = Pool.range(0, h.length, id -> id);
        VectorLearner learner = new VectorLearner(2, 2, id -> h[(int) id], id -> new double[] {0.7, 0.3}, null);
        List<Long> picks = select(QueryStrategies.badge(), pool, learner, 3, 5, 1024);
        assertThat(picks.get(0)).isEqualTo(3L);
        // k-means++ on the features with the same random draws
        SplittableRandom rnd = new SplittableRandom(5);
        double[] d2 = new double[h.length];
        boolean[] taken = new boolean[h.length];
        List<Long> expected = new ArrayList<>(List.of(3L));
        int center = 3;
        taken[3] = true;
        for (int t = 1; t < 3; t++) {
            for (int i = 0; i < h.length; i++) {
                double dist = Math.pow(h[i][0] - h[center][0], 2) + Math.pow(h[i][1] - h[center][1], 2);
                d2[i] = taken[i] ? 0 : (t == 1 ? dist : Math.min(d2[i], dist));
            }
            center = Badge.sample(d2, taken, rnd.nextDouble());
            taken[center] = true;
            expected.add((long) center);
        }
        assertThat(picks).isEqualTo(expected);
    }

    @Test
    void stochasticMeasuresAreZeroWhenPassesAgreeAndExactWhenTheyDisagree() {
        Probabilities agree1 = Probabilities.of(new double[] {0.7, 0.3});
        Probabilities agree2 = Probabilities.of(new double[] {0.7, 0.3});
        Probabilities[] agree = {agree1, agree2};
        assertThat(StochasticMeasures.bald().score(agree, 0)).isCloseTo(0, within(1e-9));
        assertThat(StochasticMeasures.variationRatios().score(agree, 0)).isZero();
        assertThat(StochasticMeasures.meanStd().score(agree, 0)).isCloseTo(0, within(1e-6));

        Probabilities[] split = {Probabilities.of(new double[] {1, 0}), Probabilities.of(new double[] {0, 1})};
        // entropy of the mean (ln 2) minus the mean entropy (0)
        assertThat(StochasticMeasures.bald().score(split, 0)).isCloseTo(Math.log(2), within(1e-6));
        assertThat(StochasticMeasures.variationRatios().score(split, 0)).isCloseTo(0.5, within(1e-12));
        assertThat(StochasticMeasures.meanStd().score(split, 0)).isCloseTo(0.5, within(1e-6));
    }

    @Test
    void baldPicksWherePassesDisagreeNotWhereEachPassIsUnsure() {
        // id 0: every pass says 50/50 (uncertain but agreeing: BALD 0); id 1: passes confidently disagree;
        // id 2: confident and agreeing
        VectorLearner learner = new VectorLearner(2, 1, id -> new float[] {0}, id -> new double[] {0.5, 0.5},
                (id, t) -> id == 0 ? new double[] {0.5, 0.5}
                        : id == 1 ? (t % 2 == 0 ? new double[] {0.95, 0.05} : new double[] {0.05, 0.95})
                        : new double[] {0.99, 0.01});
        Pool<Long> pool = Pool.range(0, 3, id -> id);
        List<Query<Long>> q = QueryStrategies.<Long>bald().select(
                new QueryContext<>(pool, learner, 1, new SplittableRandom(1), 2, id -> false), 3);
        assertThat(q.get(0).id()).isEqualTo(1L);
        assertThat(q.get(0).score()).isGreaterThan(0.4);
        assertThat(q.get(1).score()).isCloseTo(0, within(1e-6));
        assertThat(q.get(2).score()).isCloseTo(0, within(1e-6));
        assertThat(select(QueryStrategies.leastConfidence(), pool, learner, 1, 1, 2)).containsExactly(0L);
    }

    @Test
    void badgeAndBaldRejectProbabilitiesThatAreNotADistributionNamingTheId() {
        Pool<Long> pool = Pool.range(0, 3, id -> id);
        VectorLearner logits = new VectorLearner(2, 1, id -> new float[] {id}, id -> id == 2 ? new double[] {3, -1}
                : new double[] {0.5, 0.5}, (id, t) -> id == 2 ? new double[] {0.9, 0.9} : new double[] {0.5, 0.5});
        assertThatThrownBy(() -> select(QueryStrategies.badge(), pool, logits, 1, 1, 8))
                .hasMessageContaining("for id 2 (strategy 'badge')").hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> select(QueryStrategies.bald(), pool, logits, 1, 1, 8))
                .hasMessageContaining("for id 2 (strategy 'bald')").hasMessageContaining("sum to 1.800");
    }

    @Test
    void subsamplingScoresOnlyASeededSubsetOfTheCandidates() {
        int n = 1000;
        Pool<Long> pool = Pool.range(0, n, id -> id);
        // the most uncertain ids are the largest
        VectorLearner learner = new VectorLearner(2, 1, id -> new float[] {0},
                id -> new double[] {1 - 0.5 * id / n, 0.5 * id / n}, null);
        QueryStrategy<Long> s = QueryStrategies.subsampled(QueryStrategies.leastConfidence(), 100);
        List<Long> picks = select(s, pool, learner, 5, 3, 64);
        assertThat(learner.predicted).hasSize(100).doesNotHaveDuplicates();
        assertThat(learner.predicted).containsAll(picks);
        long best = learner.predicted.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(picks.get(0)).isEqualTo(best);
        List<Long> subset = List.copyOf(learner.predicted);
        learner.predicted.clear();
        assertThat(select(s, pool, learner, 5, 3, 64)).isEqualTo(picks);
        assertThat(learner.predicted).isEqualTo(subset);
        learner.predicted.clear();
        select(s, pool, learner, 5, 4, 64);
        assertThat(learner.predicted).isNotEqualTo(subset);
        assertThatThrownBy(() -> QueryStrategies.subsampled(QueryStrategies.random(), 0))
                .hasMessageContaining("at least 1 candidate, got 0");
    }

    @Test
    void embeddingStrategiesScoreALargePoolInChunksWithoutAPairwiseMatrix() {
        // 200,000 candidates: an n x n distance matrix would need 320 GB; the strategies hold n x d floats
        int n = 200_000;
        int d = 8;
        Pool<Long> pool = Pool.range(0, n, id -> id);
        for (long id = 0; id < 50; id++) {
            pool.markLabeled(id);
        }
        VectorLearner learner = new VectorLearner(3, d, id -> {
            SplittableRandom r = new SplittableRandom(id);
            float[] v = new float[d];
            for (int j = 0; j < d; j++) {
                v[j] = (float) r.nextGaussian();
            }
            return v;
        }, id -> new double[] {0.5, 0.3, 0.2}, null);
        for (QueryStrategy<Long> s : List.<QueryStrategy<Long>>of(QueryStrategies.coreSet(), QueryStrategies.badge())) {
            learner.largestCall = 0;
            List<Long> picks = select(s, pool, learner, 10, 1, 4096);
            assertThat(picks).hasSize(10).doesNotHaveDuplicates().allMatch(id -> id >= 50);
            assertThat(learner.largestCall).as(s.toString()).isLessThanOrEqualTo(4096);
        }
    }
}
