package org.activelearning.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.testing.SoftmaxRegression;
import org.activelearning.core.testing.SyntheticProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveLearningLoopTest {

    @TempDir
    Path dir;

    private static ActiveLearningLoopBuilder<double[], Integer> base(SyntheticProblem p, Learner<double[], Integer> learner,
            Oracle<double[], Integer> oracle) {
        return ActiveLearningLoop.<double[], Integer>builder()
                .setPool(p.pool())
                .setLearner(learner)
                .setOracle(oracle)
                .setStrategy(QueryStrategies.leastConfidence())
                .optInitialSelection(InitialSelection.random(6))
                .optQuerySize(4)
                .optEvaluator(p.evaluator())
                .optStoppingCriterion(StoppingCriteria.maxRounds(5));
    }

    private static double finalAccuracy(SyntheticProblem p, QueryStrategy<double[]> strategy, long seed) {
        LoopResult r = base(p, new SoftmaxRegression(3, 2), p.oracle())
                .setStrategy(strategy).optSeed(seed).optStoppingCriterion(StoppingCriteria.maxRounds(8)).build().run();
        return r.state().metrics().get("accuracy").getAsDouble();
    }

    @Test
    void runsNRoundsThenAFinalTrainingAndAccuracyRises() {
        SyntheticProblem p = new SyntheticProblem(600, 400, 1);
        SoftmaxRegression learner = new SoftmaxRegression(3, 2);
        List<RoundSummary> ends = new ArrayList<>();
        LoopResult r = base(p, learner, p.oracle()).optStoppingCriterion(StoppingCriteria.maxRounds(8))
                .addListener(new LoopListener<>() {
                    @Override
                    public void onRoundEnd(RoundSummary summary) {
                        ends.add(summary);
                    }
                }).build().run();
        assertThat(r.reason()).isEqualTo(LoopResult.StopReason.CRITERION_MET);
        assertThat(learner.fitCalls).isEqualTo(9);
        assertThat(r.history()).hasSize(9).isEqualTo(ends);
        assertThat(r.history()).extracting(RoundSummary::labeledCount).containsExactly(6, 10, 14, 18, 22, 26, 30, 34, 38);
        assertThat(r.history().get(8).last()).isTrue();
        assertThat(r.history().get(8).queried()).isZero();
        assertThat(r.state().labeledCount()).isEqualTo(38);
        double first = r.history().get(0).metrics().get("accuracy").getAsDouble();
        double last = r.history().get(8).metrics().get("accuracy").getAsDouble();
        assertThat(last).isGreaterThan(first + 0.05).isGreaterThan(0.9);
        assertThat(r.history().get(8).metrics().values()).containsKeys("accuracy/0", "accuracy/1", "accuracy/2");
    }

    @Test
    void eachRoundsMetricsCarryTheLearnersTrainingMetricsBesideTheEvaluation() {
        SyntheticProblem p = new SyntheticProblem(200, 100, 3);
        SoftmaxRegression inner = new SoftmaxRegression(3, 2);
        Learner<double[], Integer> reporting = new Learner<>() {
            private int fits;

            @Override
            public List<Integer> classes() {
                return inner.classes();
            }

            @Override
            public void fit(List<LabeledExample<double[], Integer>> labeled) {
                inner.fit(labeled);
                fits++;
            }

            @Override
            public Probabilities predictProbabilities(List<double[]> inputs) {
                return inner.predictProbabilities(inputs);
            }

            @Override
            public Metrics trainingMetrics() {
                // an "accuracy" here must not replace the evaluator's test accuracy
                return new Metrics(java.util.Map.of(Learner.TRAIN_STEPS, (double) fits, "accuracy", -1.0));
            }
        };
        LoopResult r = base(p, reporting, p.oracle()).optStoppingCriterion(StoppingCriteria.maxRounds(2)).build().run();
        assertThat(r.history()).extracting(s -> s.metrics().get(Learner.TRAIN_STEPS).orElseThrow())
                .containsExactly(1.0, 2.0, 3.0);
        assertThat(r.history()).allSatisfy(s -> assertThat(s.metrics().get("accuracy").orElseThrow()).isBetween(0.0, 1.0));
        LoopResult noEvaluator = ActiveLearningLoop.<double[], Integer>builder().setPool(p.pool()).setLearner(reporting)
                .setOracle(p.oracle()).setStrategy(QueryStrategies.random()).optInitialSelection(InitialSelection.random(6))
                .optQuerySize(4).optStoppingCriterion(StoppingCriteria.maxRounds(1)).build().run();
        assertThat(noEvaluator.history().get(0).metrics().get(Learner.TRAIN_STEPS)).isPresent();
    }

    @Test
    void leastConfidenceBeatsRandomAcrossSeeds() {
        int wins = 0;
        double lcSum = 0;
        double randomSum = 0;
        for (long seed = 1; seed <= 12; seed++) {
            SyntheticProblem p = new SyntheticProblem(1500, 1000, 100 + seed);
            double lc = finalAccuracy(p, QueryStrategies.leastConfidence(), seed);
            double rnd = finalAccuracy(p, QueryStrategies.random(), seed);
            lcSum += lc;
            randomSum += rnd;
            if (lc > rnd) {
                wins++;
            }
        }
        assertThat(wins).as("seeds on which least confidence beat random").isGreaterThanOrEqualTo(9);
        assertThat(lcSum / 12).isGreaterThan(randomSum / 12 + 0.015);
    }

    @Test
    void theSameSeedGivesTheSameQueries() {
        SyntheticProblem p = new SyntheticProblem(300, 50, 2);
        List<List<Long>> asked = new ArrayList<>();
        for (long seed : new long[] {5, 5, 6}) {
            SyntheticProblem.RecordingOracle o = p.oracle();
            base(p, new SoftmaxRegression(3, 2), o).setStrategy(QueryStrategies.random()).optSeed(seed).build().run();
            asked.add(o.asked);
        }
        assertThat(asked.get(0)).hasSize(26).isEqualTo(asked.get(1)).isNotEqualTo(asked.get(2));
    }

    @Test
    void querySizeLargerThanTheRemainingPoolTakesAllAndSaysSo() {
        SyntheticProblem p = new SyntheticProblem(13, 20, 3);
        List<int[]> reduced = new ArrayList<>();
        LoopResult r = base(p, new SoftmaxRegression(3, 2), p.oracle()).optQuerySize(5)
                .optStoppingCriterion(StoppingCriteria.maxRounds(10))
                .addListener(new LoopListener<>() {
                    @Override
                    public void onQuerySizeReduced(int round, int requested, int available) {
                        reduced.add(new int[] {round, requested, available});
                    }
                }).build().run();
        assertThat(reduced).hasSize(1);
        assertThat(reduced.get(0)).containsExactly(2, 5, 2);
        assertThat(r.reason()).isEqualTo(LoopResult.StopReason.POOL_EXHAUSTED);
        assertThat(r.state().labeledCount()).isEqualTo(13);
    }

    @Test
    void labelBudgetAndTargetMetricStopTheLoop() {
        SyntheticProblem p = new SyntheticProblem(300, 200, 4);
        LoopResult budget = base(p, new SoftmaxRegression(3, 2), p.oracle())
                .optStoppingCriterion(StoppingCriteria.labelBudget(14).or(StoppingCriteria.maxRounds(50))).build().run();
        assertThat(budget.state().labeledCount()).isEqualTo(14);
        assertThat(budget.detail()).contains("labelBudget(14)");
        LoopResult target = base(p, new SoftmaxRegression(3, 2), p.oracle())
                .optStoppingCriterion(StoppingCriteria.metricAtLeast("accuracy", 0.95).or(StoppingCriteria.maxRounds(50)))
                .build().run();
        assertThat(target.detail()).contains("accuracy >= 0.95");
        assertThat(target.state().metrics().get("accuracy").getAsDouble()).isGreaterThanOrEqualTo(0.95);
        assertThat(target.history()).hasSizeGreaterThan(1);
        assertThat(target.history().subList(0, target.history().size() - 1))
                .allSatisfy(s -> assertThat(s.metrics().get("accuracy").getAsDouble()).isLessThan(0.95));
    }

    @Test
    void skippedIdsAreNotAskedAgainUnlessRequeued() {
        SyntheticProblem p = new SyntheticProblem(12, 20, 5);
        List<Long> asked = new ArrayList<>();
        Oracle<double[], Integer> skipsEven = (queries, answers) -> {
            for (Query<double[]> q : queries) {
                asked.add(q.id());
                answers.accept(q.id() % 2 == 0 ? Answer.skip(q.id(), "even") : Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
        };
        LoopResult r = base(p, new SoftmaxRegression(3, 2), skipsEven).optInitialSelection(InitialSelection.ids(1, 2, 3))
                .optQuerySize(3).optStoppingCriterion(StoppingCriteria.maxRounds(20)).build().run();
        assertThat(asked).doesNotHaveDuplicates().hasSize(12);
        assertThat(r.reason()).isEqualTo(LoopResult.StopReason.POOL_EXHAUSTED);
        assertThat(r.state().labeledCount()).isEqualTo(6);

        asked.clear();
        base(p, new SoftmaxRegression(3, 2), skipsEven).optInitialSelection(InitialSelection.ids(1, 2, 3))
                .optQuerySize(3).optRequeueSkipped(true).optStoppingCriterion(StoppingCriteria.maxRounds(5)).build().run();
        assertThat(asked).hasSize(18);
        assertThat(asked.stream().distinct().count()).isLessThan(18);
    }

    @Test
    void retractedAnswersAreUndoneAndJournaled() throws Exception {
        SyntheticProblem p = new SyntheticProblem(40, 20, 6);
        Oracle<double[], Integer> changesMind = (queries, answers) -> {
            for (Query<double[]> q : queries) {
                answers.accept(Answer.of(q.id(), (p.poolLabels[(int) q.id()] + 1) % 3));
                answers.retract(q.id());
                answers.accept(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
        };
        Path file = dir.resolve("j.jsonl");
        ActiveLearningLoop<double[], Integer> loop;
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            loop = base(p, new SoftmaxRegression(3, 2), changesMind).optJournal(j)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(2)).build();
            loop.run();
        }
        assertThat(loop.labels()).hasSize(14).allSatisfy((id, y) -> assertThat(y).isEqualTo(p.poolLabels[(int) (long) id]));
        JournalState<Integer> st = LabelJournal.read(file, LabelCodec.integers());
        assertThat(st.labels()).isEqualTo(loop.labels());
    }

    @Test
    void badAnswersAreRejectedWithTheOffendingValue() {
        SyntheticProblem p = new SyntheticProblem(40, 20, 7);
        Oracle<double[], Integer> wrongClass = (queries, answers) -> answers.accept(Answer.of(queries.get(0).id(), 7));
        assertThatThrownBy(() -> base(p, new SoftmaxRegression(3, 2), wrongClass).build().run())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Label '7'").hasMessageContaining("[0, 1, 2]");
        Oracle<double[], Integer> wrongId = (queries, answers) -> answers.accept(Answer.of(999, 0));
        assertThatThrownBy(() -> base(p, new SoftmaxRegression(3, 2), wrongId).build().run())
                .hasMessageContaining("id 999").hasMessageContaining("does not match any query");
        Oracle<double[], Integer> twice = (queries, answers) -> {
            answers.accept(Answer.of(queries.get(0).id(), 0));
            answers.accept(Answer.of(queries.get(0).id(), 1));
        };
        assertThatThrownBy(() -> base(p, new SoftmaxRegression(3, 2), twice).build().run())
                .hasMessageContaining("already answered");
        assertThatThrownBy(() -> Answer.of(1, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Answer<>(1, 1, "x", null, Double.NaN)).hasMessageContaining("exactly one");
    }

    @Test
    void builderNamesEveryProblemAtOnce() {
        assertThatThrownBy(() -> ActiveLearningLoop.<double[], Integer>builder().optQuerySize(0).optScoringChunkSize(-3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setPool(...) is required")
                .hasMessageContaining("setLearner(...) is required")
                .hasMessageContaining("setStrategy(...) is required")
                .hasMessageContaining("setOracle(...) is required")
                .hasMessageContaining("optQuerySize must be >= 1, got 0")
                .hasMessageContaining("optScoringChunkSize must be >= 1, got -3");
        SyntheticProblem p = new SyntheticProblem(10, 10, 8);
        Pool<double[]> labeled = p.pool();
        labeled.markLabeled(3);
        assertThatThrownBy(() -> base(p, new SoftmaxRegression(3, 2), p.oracle()).setPool(labeled).build())
                .hasMessageContaining("already has 1 labeled ids");
        assertThatThrownBy(() -> base(p, new SoftmaxRegression(3, 2), p.oracle())
                .optInitialSelection(InitialSelection.random(11)).build().run())
                .hasMessageContaining("Initial labeled count 11 exceeds the 10 unlabeled");
        assertThatThrownBy(() -> StoppingCriteria.maxRounds(-1)).hasMessageContaining("got -1");
    }

    @Test
    void noInitialLabelsIsAClearError() {
        SyntheticProblem p = new SyntheticProblem(10, 10, 9);
        assertThatThrownBy(() -> base(p, new SoftmaxRegression(3, 2), p.oracle())
                .optInitialSelection(InitialSelection.none()).build().run())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No labels to train on");
    }

    @Test
    void aFailingOracleStopsTheLoopAndKeepsEveryGivenLabel() throws Exception {
        SyntheticProblem p = new SyntheticProblem(100, 20, 10);
        int[] calls = {0};
        Oracle<double[], Integer> flaky = (queries, answers) -> {
            calls[0]++;
            for (Query<double[]> q : queries) {
                if (calls[0] == 3 && q == queries.get(2)) {
                    throw new java.io.IOException("labeling service unreachable");
                }
                answers.accept(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
        };
        Path file = dir.resolve("j.jsonl");
        List<LoopResult> ended = new ArrayList<>();
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            ActiveLearningLoop<double[], Integer> loop = base(p, new SoftmaxRegression(3, 2), flaky).optJournal(j)
                    .addListener(new LoopListener<>() {
                        @Override
                        public void onLoopEnd(LoopResult result) {
                            ended.add(result);
                        }
                    }).build();
            assertThatThrownBy(loop::run).hasMessageContaining("labeling service unreachable")
                    .hasMessageContaining("round 2");
            assertThat(loop.result().reason()).isEqualTo(LoopResult.StopReason.FAILED);
        }
        assertThat(ended).hasSize(1);
        assertThat(LabelJournal.read(file, LabelCodec.integers()).labels()).hasSize(6 + 4 + 2);
    }

    @Test
    void aQuittingOracleStopsAndTheNextRunResumesMidRoundWithoutReasking() throws Exception {
        SyntheticProblem p = new SyntheticProblem(200, 50, 11);
        Path file = dir.resolve("j.jsonl");
        List<Long> firstAsked = new ArrayList<>();
        int[] budget = {6 + 4 + 1};
        Oracle<double[], Integer> quits = (queries, answers) -> {
            for (Query<double[]> q : queries) {
                if (budget[0]-- == 0) {
                    return; // the person typed q
                }
                firstAsked.add(q.id());
                answers.accept(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
        };
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            LoopResult r = base(p, new SoftmaxRegression(3, 2), quits).optJournal(j).build().run();
            assertThat(r.reason()).isEqualTo(LoopResult.StopReason.ORACLE_STOPPED);
            assertThat(r.detail()).contains("3 queries unanswered");
        }
        JournalState<Integer> mid = LabelJournal.read(file, LabelCodec.integers());
        long[] pending = mid.pendingIds();
        assertThat(pending).hasSize(3);
        assertThat(mid.labels()).hasSize(11);

        SyntheticProblem.RecordingOracle resumed = p.oracle();
        SoftmaxRegression learner = new SoftmaxRegression(3, 2);
        List<String> events = new ArrayList<>();
        List<RoundSummary> summaries = new ArrayList<>();
        LoopListener<double[], Integer> order = new LoopListener<>() {
            @Override
            public void onTrained(int round, int labeledCount, double seconds) {
                events.add("trained " + round);
            }

            @Override
            public void onQueried(int round, List<Query<double[]>> queries, double seconds) {
                events.add("queried " + round + " " + queries.size());
            }

            @Override
            public void onRoundEnd(RoundSummary summary) {
                summaries.add(summary);
            }
        };
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            LoopResult r = base(p, learner, resumed).optJournal(j).addListener(order).build().run();
            assertThat(r.reason()).isEqualTo(LoopResult.StopReason.CRITERION_MET);
            assertThat(r.state().labeledCount()).isEqualTo(6 + 5 * 4);
        }
        assertThat(resumed.asked.subList(0, 3)).containsExactly(pending[0], pending[1], pending[2]);
        // the interrupted batch is asked first, before any training, and its round is not trained again
        assertThat(events.subList(0, 3)).containsExactly("queried 2 3", "trained 3", "queried 3 4");
        RoundSummary first = summaries.get(0);
        assertThat(first.resumed()).isTrue();
        assertThat(first.round()).isEqualTo(2);
        assertThat(first.labeledCount()).as("the model of round 2 was trained on 6 + 4 labels").isEqualTo(10);
        assertThat(first.metrics()).isEqualTo(Metrics.EMPTY);
        assertThat(first.labeled()).isEqualTo(3);
        assertThat(summaries.get(1).resumed()).isFalse();
        assertThat(summaries.get(1).labeledCount()).isEqualTo(6 + 4 + 4);
        assertThat(resumed.asked).doesNotContainAnyElementsOf(firstAsked).doesNotHaveDuplicates();
    }

    @Test
    void retiredIdsKeepTheirJournalLinesButAreNotReplayed() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            j.recordQuery(0, new long[] {5000, 3});
            j.recordAnswer(0, Answer.of(5000L, 1).withSeconds(1));
            j.recordAnswer(0, Answer.of(3L, 0).withSeconds(1));
        }
        SyntheticProblem p = new SyntheticProblem(100, 20, 12);
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            ActiveLearningLoop<double[], Integer> loop = base(p, new SoftmaxRegression(3, 2), p.oracle())
                    .optJournal(j).optRetiredIds(java.util.Set.of(5000L))
                    .optStoppingCriterion(StoppingCriteria.maxRounds(1)).build();
            loop.run();
            assertThat(loop.labels()).containsKey(3L).doesNotContainKey(5000L);
        }
        assertThat(LabelJournal.read(file, LabelCodec.integers()).labels()).containsKey(5000L);
        assertThatThrownBy(() -> base(p, new SoftmaxRegression(3, 2), p.oracle()).optRetiredIds(java.util.Set.of(3L))
                .build()).hasMessageContaining("optRetiredIds: id 3 is still in the pool");
    }

    @Test
    void aJournalFromOtherDataIsRejected() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            j.recordQuery(0, new long[] {5000});
            j.recordAnswer(0, Answer.of(5000L, 1).withSeconds(1));
        }
        SyntheticProblem p = new SyntheticProblem(100, 20, 12);
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            assertThatThrownBy(() -> base(p, new SoftmaxRegression(3, 2), p.oracle()).optJournal(j).build().run())
                    .hasMessageContaining("id 5000").hasMessageContaining("another session directory");
        }
    }

    @Test
    void stepRunsOneRoundAtATimeAndRefusesAfterTheEnd() {
        SyntheticProblem p = new SyntheticProblem(100, 20, 13);
        ActiveLearningLoop<double[], Integer> loop = base(p, new SoftmaxRegression(3, 2), p.oracle())
                .optStoppingCriterion(StoppingCriteria.maxRounds(1)).build();
        assertThat(loop.step()).isTrue();
        assertThat(loop.state().round()).isEqualTo(1);
        assertThat(loop.state().labeledCount()).isEqualTo(10);
        assertThat(loop.step()).isFalse();
        assertThatThrownBy(loop::step).isInstanceOf(IllegalStateException.class).hasMessageContaining("already ended");
    }
}
