package org.activelearning.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.activelearning.core.Pool;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.testing.FixedLearner;
import org.junit.jupiter.api.Test;

class QueryStrategiesTest {

    /** ids 10..14 with hand-picked probabilities; the comments give each measure's ranking. */
    private static Map<Long, double[]> rows() {
        Map<Long, double[]> m = new HashMap<>();
        m.put(10L, new double[] {0.90, 0.05, 0.05}); // confident
        m.put(11L, new double[] {0.40, 0.35, 0.25}); // LC 0.60, margin gap 0.05, entropy ~1.08
        m.put(12L, new double[] {0.50, 0.49, 0.01}); // LC 0.50, margin gap 0.01 (best margin), entropy ~0.75
        m.put(13L, new double[] {0.34, 0.33, 0.33}); // LC 0.66 (best), entropy ~1.0986 (best)
        m.put(14L, new double[] {0.60, 0.20, 0.20}); // LC 0.40
        return m;
    }

    private static List<Long> select(QueryStrategy<Long> s, Map<Long, double[]> rows, int k, int chunk) {
        long[] ids = rows.keySet().stream().mapToLong(Long::longValue).toArray();
        Pool<Long> pool = Pool.ofIds(ids, id -> id);
        FixedLearner learner = new FixedLearner(rows.values().iterator().next().length, rows);
        QueryContext<Long> ctx = new QueryContext<>(pool, learner, 1, new SplittableRandom(1), chunk, id -> false);
        return s.select(ctx, k).stream().map(Query::id).toList();
    }

    @Test
    void aCustomStrategyIsItsScoringRuleOverChunkedCandidates() {
        // the probability of class 1, highest first: 12 (0.49), 11 (0.35), 13 (0.33)
        QueryStrategy<Long> secondClass = (context, k) -> {
            TopK top = new TopK(k);
            CandidateScores.forEachChunk(context, "second-class", (ids, p) -> {
                assertThat(ids.length).isLessThanOrEqualTo(2);
                for (int row = 0; row < ids.length; row++) {
                    top.offer(ids[row], p.get(row, 1));
                }
            });
            return top.result().toQueries(context.pool());
        };
        assertThat(select(secondClass, rows(), 3, 2)).containsExactly(12L, 11L, 13L);
        Map<Long, double[]> logits = rows();
        logits.put(14L, new double[] {3.0, 1.0, -2.0});
        assertThatThrownBy(() -> select(secondClass, logits, 3, 2)).hasMessageContaining("id 14")
                .hasMessageContaining("strategy 'second-class'");
    }

    @Test
    void leastConfidencePicksLowestMaxProbabilityFirst() {
        assertThat(select(QueryStrategies.leastConfidence(), rows(), 3, 1024)).containsExactly(13L, 11L, 12L);
    }

    @Test
    void marginPicksSmallestGapFirst() {
        assertThat(select(QueryStrategies.margin(), rows(), 3, 1024)).containsExactly(12L, 13L, 11L);
    }

    @Test
    void entropyPicksMostSpreadDistributionFirst() {
        assertThat(select(QueryStrategies.entropy(), rows(), 2, 1024)).containsExactly(13L, 11L);
    }

    @Test
    void scoresAreReportedWithQueries() {
        long[] ids = {10, 13};
        Map<Long, double[]> rows = rows();
        Pool<Long> pool = Pool.ofIds(ids, id -> id);
        List<Query<Long>> q = QueryStrategies.<Long>leastConfidence()
                .select(QueryContext.of(pool, new FixedLearner(3, rows), new SplittableRandom(1)), 2);
        assertThat(q.get(0).id()).isEqualTo(13L);
        assertThat(q.get(0).score()).isCloseTo(0.66, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(q.get(1).score()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void tiesGoToTheSmallerIdWhateverTheChunking() {
        Map<Long, double[]> m = new HashMap<>();
        for (long id = 100; id > 90; id--) {
            m.put(id, new double[] {0.5, 0.5});
        }
        m.put(50L, new double[] {0.9, 0.1});
        for (int chunk : new int[] {1, 3, 1024}) {
            assertThat(select(QueryStrategies.leastConfidence(), m, 4, chunk)).containsExactly(91L, 92L, 93L, 94L);
        }
    }

    @Test
    void scoresThePoolInChunksOfTheConfiguredSize() {
        Map<Long, double[]> m = new HashMap<>();
        for (long id = 0; id < 25; id++) {
            m.put(id, new double[] {0.5 + id / 100.0, 0.5 - id / 100.0});
        }
        long[] ids = m.keySet().stream().mapToLong(Long::longValue).toArray();
        FixedLearner learner = new FixedLearner(2, m);
        QueryContext<Long> ctx = new QueryContext<>(Pool.ofIds(ids, id -> id), learner, 1, new SplittableRandom(1), 10,
                id -> false);
        assertThat(QueryStrategies.<Long>leastConfidence().select(ctx, 2)).extracting(Query::id).containsExactly(0L, 1L);
        assertThat(learner.predictCalls).isEqualTo(3);
        assertThat(learner.largestCall).isEqualTo(10);
    }

    @Test
    void nanProbabilityIsAnErrorNamingTheId() {
        Map<Long, double[]> m = rows();
        m.put(12L, new double[] {Double.NaN, 0.5, 0.5});
        assertThatThrownBy(() -> select(QueryStrategies.leastConfidence(), m, 2, 1024))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("id 12")
                .hasMessageContaining("NaN");
    }

    @Test
    void infiniteProbabilityIsAnErrorNamingTheId() {
        Map<Long, double[]> m = rows();
        m.put(14L, new double[] {Double.POSITIVE_INFINITY, 0, 0});
        assertThatThrownBy(() -> select(QueryStrategies.entropy(), m, 2, 1024))
                .hasMessageContaining("id 14").hasMessageContaining("Infinity");
    }

    @Test
    void customMeasureReturningNaNIsAnErrorNamingTheId() {
        QueryStrategy<Long> broken = QueryStrategies.uncertainty("broken", (p, row) -> p.get(row, 0) > 0.8 ? Double.NaN : 0);
        assertThatThrownBy(() -> select(broken, rows(), 2, 1024))
                .hasMessageContaining("'broken'").hasMessageContaining("id 10");
    }

    @Test
    void customMeasureInOneLambda() {
        QueryStrategy<Long> secondClass = QueryStrategies.uncertainty("p1", (p, row) -> p.get(row, 1));
        assertThat(select(secondClass, rows(), 1, 1024)).containsExactly(12L);
    }

    @Test
    void kLargerThanThePoolTakesAllThatRemain() {
        assertThat(select(QueryStrategies.leastConfidence(), rows(), 50, 1024)).containsExactly(13L, 11L, 12L, 14L, 10L);
        assertThat(select(QueryStrategies.random(), rows(), 50, 1024)).containsExactlyInAnyOrder(10L, 11L, 12L, 13L, 14L);
    }

    @Test
    void emptyPoolSelectsNothingWithoutScoring() {
        FixedLearner learner = new FixedLearner(3, Map.of());
        QueryContext<Long> ctx = QueryContext.of(Pool.range(0, 0, id -> id), learner, new SplittableRandom(1));
        assertThat(QueryStrategies.<Long>leastConfidence().select(ctx, 5)).isEmpty();
        assertThat(QueryStrategies.<Long>random().select(ctx, 5)).isEmpty();
        assertThat(learner.predictCalls).isZero();
    }

    @Test
    void labeledAndExcludedIdsAreNeverSelected() {
        Map<Long, double[]> m = rows();
        Pool<Long> pool = Pool.ofIds(new long[] {10, 11, 12, 13, 14}, id -> id);
        pool.markLabeled(13);
        QueryContext<Long> ctx = new QueryContext<>(pool, new FixedLearner(3, m), 1, new SplittableRandom(1), 2,
                id -> id == 11);
        assertThat(QueryStrategies.<Long>leastConfidence().select(ctx, 5)).extracting(Query::id)
                .containsExactly(12L, 14L, 10L);
    }

    @Test
    void nonPositiveKIsRejected() {
        assertThatThrownBy(() -> select(QueryStrategies.leastConfidence(), rows(), 0, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> select(QueryStrategies.random(), rows(), -1, 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
    }

    @Test
    void randomSamplingIsSeededUniformAndNeverCallsTheLearner() {
        Map<Long, double[]> m = new HashMap<>();
        for (long id = 0; id < 100; id++) {
            m.put(id, new double[] {1, 0});
        }
        Pool<Long> pool = Pool.range(0, 100, id -> id);
        FixedLearner learner = new FixedLearner(2, m);
        List<Long> a = QueryStrategies.<Long>random().select(QueryContext.of(pool, learner, new SplittableRandom(7)), 10)
                .stream().map(Query::id).toList();
        List<Long> b = QueryStrategies.<Long>random().select(QueryContext.of(pool, learner, new SplittableRandom(7)), 10)
                .stream().map(Query::id).toList();
        List<Long> c = QueryStrategies.<Long>random().select(QueryContext.of(pool, learner, new SplittableRandom(8)), 10)
                .stream().map(Query::id).toList();
        assertThat(a).hasSize(10).doesNotHaveDuplicates().isEqualTo(b).isNotEqualTo(c);
        assertThat(learner.predictCalls).isZero();
        // uniformity: over many draws every id is picked about equally often
        int[] counts = new int[100];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int t = 0; t < 2000; t++) {
            for (Query<Long> q : QueryStrategies.<Long>random().select(QueryContext.of(pool, learner, rnd), 10)) {
                counts[(int) q.id()]++;
            }
        }
        assertThat(java.util.Arrays.stream(counts).min().getAsInt()).isGreaterThan(130);
        assertThat(java.util.Arrays.stream(counts).max().getAsInt()).isLessThan(270);
    }

    @Test
    void byNameKnowsTheBundledStrategiesAndListsThemOnATypo() {
        assertThat(QueryStrategies.byName("Least-Confidence").toString()).isEqualTo("least-confidence");
        assertThat(QueryStrategies.byName("margin").toString()).isEqualTo("margin");
        assertThatThrownBy(() -> QueryStrategies.byName("entropyy"))
                .hasMessageContaining("'entropyy'").hasMessageContaining("least-confidence, margin, entropy, random");
    }

    @Test
    void learnerReturningWrongShapeIsReported() {
        Pool<Long> pool = Pool.range(0, 3, id -> id);
        org.activelearning.core.Learner<Long, Integer> liar = new org.activelearning.core.Learner<>() {
            @Override
            public List<Integer> classes() {
                return List.of(0, 1, 2);
            }

            @Override
            public void fit(List<org.activelearning.core.LabeledExample<Long, Integer>> labeled) {}

            @Override
            public org.activelearning.core.Probabilities predictProbabilities(List<Long> inputs) {
                return org.activelearning.core.Probabilities.wrap(1, 3, new float[] {1, 0, 0});
            }
        };
        assertThatThrownBy(() -> QueryStrategies.<Long>margin().select(QueryContext.of(pool, liar, new SplittableRandom(1)), 1))
                .hasMessageContaining("1 x 3").hasMessageContaining("for 3 inputs");
    }
}
