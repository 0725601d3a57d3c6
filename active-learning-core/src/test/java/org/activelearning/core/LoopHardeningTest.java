package org.activelearning.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.activelearning.core.journal.JournalEntry;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.testing.FixedLearner;
import org.activelearning.core.testing.SoftmaxRegression;
import org.activelearning.core.testing.SyntheticProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Defects found by integrators and fault injection, each with the behaviour that replaces it. */
class LoopHardeningTest {

    @TempDir
    Path dir;

    private static ActiveLearningLoopBuilder<double[], Integer> loop(SyntheticProblem p, Oracle<double[], Integer> o) {
        return ActiveLearningLoop.<double[], Integer>builder().setPool(p.pool()).setLearner(new SoftmaxRegression(3, 2))
                .setOracle(o).setStrategy(QueryStrategies.leastConfidence())
                .optInitialSelection(InitialSelection.random(6)).optQuerySize(4);
    }

    @Test
    void aStrategyThatSelectsNothingEndsTheLoopInsteadOfSpinning() {
        SyntheticProblem p = new SyntheticProblem(100, 10, 1);
        AtomicInteger calls = new AtomicInteger();
        Oracle<double[], Integer> counting = (queries, answers) -> {
            calls.incrementAndGet();
            p.oracle().label(queries, answers);
        };
        QueryStrategy<double[]> nothing = new QueryStrategy<>() {
            @Override
            public List<Query<double[]>> select(QueryContext<double[]> context, int k) {
                return List.of();
            }

            @Override
            public String toString() {
                return "filters-everything";
            }
        };
        LoopResult r = loop(p, counting).setStrategy(nothing).optStoppingCriterion(StoppingCriteria.labelBudget(20))
                .build().run();
        assertThat(r.reason()).isEqualTo(LoopResult.StopReason.NOTHING_SELECTED);
        assertThat(r.detail()).contains("strategy filters-everything selected nothing in round 1")
                .contains("94 candidates remain");
        assertThat(calls.get()).isEqualTo(1);
        assertThat(r.history()).hasSize(1);
        assertThat(r.history().get(0).last()).isTrue();
    }

    @Test
    void answersGivenAfterLabelReturnedAreRejectedAndDoNotCount() throws Exception {
        SyntheticProblem p = new SyntheticProblem(100, 10, 2);
        AtomicReference<AnswerSink<Integer>> kept = new AtomicReference<>();
        List<Long> ids = new ArrayList<>();
        Oracle<double[], Integer> keeper = (queries, answers) -> {
            kept.set(answers);
            ids.add(queries.get(0).id());
            for (Query<double[]> q : queries) {
                answers.accept(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
        };
        try (LabelJournal<Integer> journal = LabelJournal.open(dir.resolve("j.jsonl"), LabelCodec.integers())) {
            ActiveLearningLoop<double[], Integer> l = loop(p, keeper).optJournal(journal)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(1)).build();
            l.run();
            int before = l.labels().size();
            assertThatThrownBy(() -> kept.get().retract(ids.get(0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("came after round 1's batch ended").hasMessageContaining("was not recorded");
            assertThatThrownBy(() -> kept.get().accept(Answer.of(ids.get(0), 1)))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(l.labels()).hasSize(before);
        }
        assertThat(LabelJournal.read(dir.resolve("j.jsonl"), LabelCodec.integers()).labels()).hasSize(10);
    }

    @Test
    void aLambdaOracleIsRecordedUnderAStableNameAndOraclesCanBeNamed() throws Exception {
        SyntheticProblem p = new SyntheticProblem(60, 10, 3);
        Oracle<double[], Integer> lambda = (queries, answers) -> {
            for (Query<double[]> q : queries) {
                answers.accept(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
        };
        assertThat(lambda.name()).isEqualTo("oracle");
        assertThat(Oracle.named("alice", lambda).name()).isEqualTo("alice");
        assertThatThrownBy(() -> Oracle.named(" ", lambda)).hasMessageContaining("must not be blank");
        Path file = dir.resolve("named.jsonl");
        try (LabelJournal<Integer> journal = LabelJournal.open(file, LabelCodec.integers())) {
            loop(p, Oracle.named("alice", lambda)).optJournal(journal).optStoppingCriterion(StoppingCriteria.maxRounds(1))
                    .build().run();
        }
        assertThat(LabelJournal.read(file, LabelCodec.integers()).entries()).filteredOn(e -> e.type() == JournalEntry.Type.LABEL)
                .hasSize(10).allSatisfy(e -> assertThat(e.annotator()).isEqualTo("alice"));
    }

    @Test
    void labelsComeBackInAnswerOrder() {
        SyntheticProblem p = new SyntheticProblem(100, 10, 4);
        SyntheticProblem.RecordingOracle o = p.oracle();
        ActiveLearningLoop<double[], Integer> l = loop(p, o).optStoppingCriterion(StoppingCriteria.maxRounds(3)).build();
        l.run();
        assertThat(new ArrayList<>(l.labels().keySet())).isEqualTo(o.asked);
    }

    @Test
    void aLoopWithNothingToTrainOnIsRejectedAtBuild() {
        SyntheticProblem p = new SyntheticProblem(30, 10, 5);
        assertThatThrownBy(() -> ActiveLearningLoop.<double[], Integer>builder().setPool(p.pool())
                .setLearner(new SoftmaxRegression(3, 2)).setOracle(p.oracle())
                .setStrategy(QueryStrategies.random()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("optInitialSelection(...) is required when there are no labels yet");
    }

    @Test
    void aLabelBudgetIsACapTheLastBatchIsTrimmedAndSkipsMayCount() {
        SyntheticProblem p = new SyntheticProblem(300, 10, 6);
        List<int[]> reduced = new ArrayList<>();
        LoopListener<double[], Integer> listener = new LoopListener<>() {
            @Override
            public void onQuerySizeReduced(int round, int requested, int available) {
                reduced.add(new int[] {round, requested, available});
            }
        };
        // 6 initial labels and batches of 4 would pass 80 at 82; the last batch is trimmed to 2
        LoopResult r = loop(p, p.oracle()).optStoppingCriterion(StoppingCriteria.labelBudget(80)).addListener(listener)
                .build().run();
        assertThat(r.state().labeledCount()).isEqualTo(80);
        assertThat(reduced).hasSize(1);
        assertThat(reduced.get(0)).containsExactly(19, 4, 2);

        // an oracle that skips every third query: with skips counted, labels plus skips stop at 30
        Oracle<double[], Integer> skipper = (queries, answers) -> {
            for (Query<double[]> q : queries) {
                answers.accept(q.id() % 3 == 0 ? Answer.skip(q.id(), "unsure")
                        : Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
        };
        LoopResult counted = loop(p, skipper).optStoppingCriterion(StoppingCriteria.labelBudget(30, true)).build().run();
        assertThat(counted.state().labeledCount() + counted.state().skippedCount()).isEqualTo(30);
        LoopResult notCounted = loop(p, skipper).optStoppingCriterion(StoppingCriteria.labelBudget(30)).build().run();
        assertThat(notCounted.state().labeledCount()).isEqualTo(30);
    }

    @Test
    void labelsYouAlreadyHaveAreTrainedOnAndNeverAsked() throws Exception {
        SyntheticProblem p = new SyntheticProblem(100, 10, 7);
        java.util.Map<Long, Integer> known = new java.util.LinkedHashMap<>();
        for (long id = 0; id < 8; id++) {
            known.put(id, p.poolLabels[(int) id]);
        }
        SyntheticProblem.RecordingOracle o = p.oracle();
        Path file = dir.resolve("pre.jsonl");
        LoopResult r;
        try (LabelJournal<Integer> journal = LabelJournal.open(file, LabelCodec.integers())) {
            r = ActiveLearningLoop.<double[], Integer>builder().setPool(p.pool()).setLearner(new SoftmaxRegression(3, 2))
                    .setOracle(o).setStrategy(QueryStrategies.leastConfidence()).optLabeled(known).optQuerySize(4)
                    .optJournal(journal).optStoppingCriterion(StoppingCriteria.maxRounds(2)).build().run();
        }
        assertThat(r.history().get(0).labeledCount()).isEqualTo(8);
        assertThat(r.state().labeledCount()).isEqualTo(16);
        assertThat(o.asked).hasSize(8).doesNotContainAnyElementsOf(known.keySet());

        // a journal that labels one of them differently is an error naming the id and the line
        java.util.Map<Long, Integer> conflicting = new java.util.LinkedHashMap<>(known);
        long asked = o.asked.get(0);
        conflicting.put(asked, (p.poolLabels[(int) asked] + 1) % 3);
        try (LabelJournal<Integer> journal = LabelJournal.open(file, LabelCodec.integers())) {
            int line = journal.initialState().lineOf(asked);
            assertThat(line).isPositive();
            ActiveLearningLoop<double[], Integer> l = ActiveLearningLoop.<double[], Integer>builder().setPool(p.pool())
                    .setLearner(new SoftmaxRegression(3, 2)).setOracle(p.oracle()).setStrategy(QueryStrategies.random())
                    .optLabeled(conflicting).optJournal(journal).build();
            assertThatThrownBy(l::run).hasMessageContaining("Id " + asked + " is labeled")
                    .hasMessageContaining("line " + line);
        }

        java.util.Map<Long, Integer> bad = java.util.Map.of(500L, 0, 3L, 7);
        assertThatThrownBy(() -> ActiveLearningLoop.<double[], Integer>builder().setPool(p.pool())
                .setLearner(new SoftmaxRegression(3, 2)).setOracle(p.oracle()).setStrategy(QueryStrategies.random())
                .optLabeled(bad).build())
                .hasMessageContaining("id 500 is not in the pool").hasMessageContaining("id 3 has label '7'");
    }

    @Test
    void aJournalThatDoesNotFitThePoolOrClassesNamesTheLine() throws Exception {
        SyntheticProblem p = new SyntheticProblem(50, 10, 8);
        Path file = dir.resolve("other.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            j.recordQuery(0, new long[] {1, 2, 999});
            j.recordAnswer(0, Answer.of(1, 0).withSeconds(1));
            j.recordAnswer(0, Answer.of(2, 1).withSeconds(1));
            j.recordAnswer(0, Answer.of(999, 1).withSeconds(1));
        }
        try (LabelJournal<Integer> journal = LabelJournal.open(file, LabelCodec.integers())) {
            ActiveLearningLoop<double[], Integer> l = loop(p, p.oracle()).optJournal(journal).build();
            assertThatThrownBy(l::run).hasMessageContaining("line 4 labels id 999, which is not in the pool");
        }
        Path classes = dir.resolve("classes.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(classes, LabelCodec.integers())) {
            j.recordQuery(0, new long[] {1, 2});
            j.recordAnswer(0, Answer.of(1, 0).withSeconds(1));
            j.recordAnswer(0, Answer.of(2, 7).withSeconds(1));
        }
        try (LabelJournal<Integer> journal = LabelJournal.open(classes, LabelCodec.integers())) {
            ActiveLearningLoop<double[], Integer> l = loop(p, p.oracle()).optJournal(journal).build();
            assertThatThrownBy(l::run).hasMessageContaining("line 3 labels id 2 '7', which is not one of the learner's");
        }
    }

    @Test
    void filteredStrategiesOneEventListenersAndAWitnessFreeBuilder() {
        SyntheticProblem p = new SyntheticProblem(200, 10, 9);
        List<RoundSummary> ends = new ArrayList<>();
        List<Long> answered = new ArrayList<>();
        SyntheticProblem.RecordingOracle o = p.oracle();
        LoopResult r = ActiveLearningLoop.builder(p.pool(), new SoftmaxRegression(3, 2))
                .setOracle(o).setStrategy(QueryStrategies.<double[]>leastConfidence().where(id -> id % 2 == 0))
                .optInitialSelection(InitialSelection.random(6)).optQuerySize(4)
                .optStoppingCriterion(StoppingCriteria.maxRounds(3))
                .addListener(LoopListener.roundEnded(ends::add))
                .addListener(LoopListener.answered((round, a) -> answered.add(a.id())))
                .build().run();
        assertThat(ends).isEqualTo(r.history());
        assertThat(answered).isEqualTo(o.asked);
        // after the 6 random initial ids, every queried id is even
        assertThat(o.asked.subList(6, o.asked.size())).hasSize(12).allMatch(id -> id % 2 == 0);
    }

    @Test
    void aResumedBatchIsAskedAgainWithoutASecondQueryLine() throws Exception {
        SyntheticProblem p = new SyntheticProblem(100, 10, 10);
        Path file = dir.resolve("resume.jsonl");
        // answers the initial batch, then only 2 of round 1's 4 queries before the person quits
        AtomicInteger given = new AtomicInteger();
        Oracle<double[], Integer> quitter = (queries, answers) -> {
            for (Query<double[]> q : queries) {
                if (given.get() == 8) {
                    return;
                }
                answers.accept(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
                given.incrementAndGet();
            }
        };
        try (LabelJournal<Integer> journal = LabelJournal.open(file, LabelCodec.integers())) {
            LoopResult r = loop(p, quitter).optJournal(journal).optStoppingCriterion(StoppingCriteria.maxRounds(2))
                    .build().run();
            assertThat(r.reason()).isEqualTo(LoopResult.StopReason.ORACLE_STOPPED);
        }
        SyntheticProblem.RecordingOracle resumed = p.oracle();
        try (LabelJournal<Integer> journal = LabelJournal.open(file, LabelCodec.integers())) {
            loop(p, resumed).optJournal(journal).optStoppingCriterion(StoppingCriteria.maxRounds(2)).build().run();
        }
        assertThat(resumed.asked).hasSize(2 + 4);
        List<JournalEntry<Integer>> queries = LabelJournal.read(file, LabelCodec.integers()).entries().stream()
                .filter(e -> e.type() == JournalEntry.Type.QUERY).toList();
        // the initial batch, round 1 (asked twice but written once) and round 2
        assertThat(queries).extracting(JournalEntry::round).containsExactly(0, 1, 2);
    }

    @Test
    void probabilitiesThatAreNotADistributionAreRejectedNamingTheId() {
        Pool<Long> pool = Pool.ofIds(new long[] {5, 6}, id -> id);
        java.util.Map<Long, double[]> rows = new java.util.HashMap<>();
        rows.put(5L, new double[] {0.5, 0.5});
        rows.put(6L, new double[] {2.0, -1.0});
        assertThatThrownBy(() -> QueryStrategies.<Long>leastConfidence()
                .select(QueryContext.of(pool, new FixedLearner(2, rows), new java.util.SplittableRandom(1)), 1))
                .hasMessageContaining("id 6").hasMessageContaining("outside [0, 1]");
        rows.put(6L, new double[] {0.7, 0.7});
        assertThatThrownBy(() -> QueryStrategies.<Long>margin()
                .select(QueryContext.of(pool, new FixedLearner(2, rows), new java.util.SplittableRandom(1)), 1))
                .hasMessageContaining("id 6").hasMessageContaining("sum to 1.4").hasMessageContaining("logits");
        Probabilities p = Probabilities.of(new double[] {0.5, 0.5});
        assertThatThrownBy(() -> p.get(0, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("(0, 2) is outside this 1 x 2 probability matrix");
    }
}
