package org.activelearning.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.testing.SoftmaxRegression;
import org.activelearning.core.testing.SyntheticProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelingDeskTest {

    @TempDir
    Path dir;

    private final long[] now = {0};

    private LabelingDesk<double[], Integer> desk(SyntheticProblem p, LabelJournal<Integer> journal, int rounds,
            List<String> trainings) {
        LabelingSession<double[], Integer> s = ActiveLearningLoop.builder(p.pool(), new SoftmaxRegression(3, 2))
                .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(4))
                .optJournal(journal).buildSession();
        return new LabelingDesk<>(s, 3, rounds, Duration.ofSeconds(60), () -> now[0],
                (round, labels, metrics, last) -> trainings.add(round + ":" + labels + (last ? " final" : "")));
    }

    @Test
    void annotatorsGetDistinctQueriesAndTheRoundsFollowTheLoop() throws Exception {
        SyntheticProblem p = new SyntheticProblem(100, 10, 3);
        List<String> trainings = new ArrayList<>();
        try (LabelJournal<Integer> j = LabelJournal.open(dir.resolve("j.jsonl"), LabelCodec.integers())) {
            LabelingDesk<double[], Integer> desk = desk(p, j, 2, trainings);
            Set<Long> answered = new HashSet<>();
            int waits = 0;
            for (int step = 0; step < 200; step++) {
                String who = step % 2 == 0 ? "ana" : "ben";
                LabelingDesk.Next<double[]> a = desk.next(who);
                if (a.status() == LabelingDesk.Status.DONE) {
                    break;
                }
                if (a.status() == LabelingDesk.Status.WAIT) {
                    waits++;
                    // the other annotator answers what they hold
                    String other = who.equals("ana") ? "ben" : "ana";
                    LabelingDesk.Next<double[]> theirs = desk.next(other);
                    desk.answer(other, Answer.of(theirs.query().id(), p.poolLabels[(int) theirs.query().id()]));
                    assertThat(answered.add(theirs.query().id())).isTrue();
                    continue;
                }
                // a query held by ana is never handed to ben
                assertThat(desk.holdings().values().stream().flatMap(List::stream).toList()).doesNotHaveDuplicates();
                desk.answer(who, Answer.of(a.query().id(), p.poolLabels[(int) a.query().id()]));
                assertThat(answered.add(a.query().id())).as("asked once").isTrue();
            }
            // initial 4, then rounds 1 and 2 of 3 queries each, then the final training
            assertThat(answered).hasSize(4 + 3 + 3);
            assertThat(trainings).containsExactly("1:4", "2:7", "3:10 final");
            assertThat(desk.next("ana").status()).isEqualTo(LabelingDesk.Status.DONE);
        }
    }

    @Test
    void answersForQueriesOthersHoldAreRefusedAndAbandonedQueriesReturnAfterTheLease() throws Exception {
        SyntheticProblem p = new SyntheticProblem(100, 10, 4);
        try (LabelJournal<Integer> j = LabelJournal.open(dir.resolve("j.jsonl"), LabelCodec.integers())) {
            LabelingDesk<double[], Integer> desk = desk(p, j, 1, new ArrayList<>());
            LabelingDesk.Next<double[]> ana = desk.next("ana");
            long id = ana.query().id();
            assertThat(ana.position()).isEqualTo(1);
            assertThat(ana.batchSize()).isEqualTo(4);
            assertThat(desk.next("ana").query().id()).as("a reload gives the same query").isEqualTo(id);
            assertThatThrownBy(() -> desk.answer("ben", Answer.of(id, 1)))
                    .hasMessageContaining("Id " + id + " is not assigned to ben (another annotator holds it)");
            assertThatThrownBy(() -> desk.answer("ana", Answer.of(99_999L, 1)))
                    .hasMessageContaining("Id 99999 is not assigned to ana");
            // with every query of the batch held, a fifth annotator waits
            for (String who : List.of("carl", "dan", "eve")) {
                assertThat(desk.next(who).status()).isEqualTo(LabelingDesk.Status.QUERY);
            }
            assertThat(desk.next("fay").status()).isEqualTo(LabelingDesk.Status.WAIT);
            desk.answer("carl", Answer.of(desk.next("carl").query().id(), 0));
            desk.answer("dan", Answer.of(desk.next("dan").query().id(), 0));
            desk.answer("eve", Answer.of(desk.next("eve").query().id(), 0));
            // ana closes her tab: after the lease her query goes to ben
            LabelingDesk.Next<double[]> ben = desk.next("ben");
            assertThat(ben.status()).as("everything else is answered").isEqualTo(LabelingDesk.Status.WAIT);
            now[0] += Duration.ofSeconds(61).toNanos();
            assertThat(desk.next("ben").query().id()).isEqualTo(id);
            assertThat(LabelJournal.read(dir.resolve("j.jsonl"), LabelCodec.integers()).labels()).hasSize(3);
        }
    }

    @Test
    void undoGivesTheQueryBackToWhoAnsweredItAndAResumedDeskAsksTheRestOfTheBatchFirst() throws Exception {
        SyntheticProblem p = new SyntheticProblem(100, 10, 5);
        Path file = dir.resolve("j.jsonl");
        long first;
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            LabelingDesk<double[], Integer> desk = desk(p, j, 1, new ArrayList<>());
            first = desk.next("ana").query().id();
            desk.answer("ana", Answer.of(first, 1));
            assertThatThrownBy(() -> desk.undo("ben")).hasMessageContaining("ben has no answer in the current batch");
            assertThat(desk.undo("ana")).isEqualTo(first);
            assertThat(desk.next("ana").query().id()).isEqualTo(first);
            assertThat(desk.holdings()).doesNotContainKey("ben");
            desk.answer("ana", Answer.of(first, 2));
        }
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            LabelingDesk<double[], Integer> desk = desk(p, j, 1, new ArrayList<>());
            LabelingDesk.Next<double[]> again = desk.next("ben");
            assertThat(again.query().id()).isNotEqualTo(first);
            assertThat(again.batchSize()).as("the interrupted initial batch, numbered as first asked").isEqualTo(4);
            assertThat(again.position()).isEqualTo(2);
            assertThat(desk.status()).containsEntry("labels", 1).containsEntry("unanswered", 3);
        }
    }

    @Test
    void aSecondQueryAheadIsHeldForItsAnnotatorAndBecomesTheirNext() throws Exception {
        SyntheticProblem p = new SyntheticProblem(100, 10, 7);
        try (LabelJournal<Integer> j = LabelJournal.open(dir.resolve("j.jsonl"), LabelCodec.integers())) {
            LabelingDesk<double[], Integer> desk = desk(p, j, 1, new ArrayList<>());
            long current = desk.next("ana").query().id();
            long upcoming = desk.ahead("ana").query().id();
            assertThat(upcoming).isNotEqualTo(current);
            assertThat(desk.ahead("ana").status()).as("two at most").isEqualTo(LabelingDesk.Status.WAIT);
            assertThat(desk.next("ana").query().id()).as("the current one until answered").isEqualTo(current);
            assertThat(desk.next("ben").query().id()).isNotIn(current, upcoming);
            desk.answer("ana", Answer.of(current, 0));
            assertThat(desk.next("ana").query().id()).isEqualTo(upcoming);
        }
    }

    /** A learner whose fits wait for a permit, to hold a background training while people label. */
    static final class GatedLearner implements Learner<double[], Integer> {
        final SoftmaxRegression model = new SoftmaxRegression(3, 2);
        final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(0);
        final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public List<Integer> classes() {
            return model.classes();
        }

        @Override
        public void fit(List<LabeledExample<double[], Integer>> labeled) {
            started.incrementAndGet();
            permits.acquireUninterruptibly();
            model.fit(labeled);
        }

        @Override
        public Probabilities predictProbabilities(List<double[]> inputs) {
            return model.predictProbabilities(inputs);
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out").isLessThan(deadline);
            Thread.sleep(2);
        }
    }

    @Test
    void inTheBackgroundPeopleKeepLabelingWhileTheNextModelTrainsAndItReranksTheQueue() throws Exception {
        SyntheticProblem p = new SyntheticProblem(200, 10, 6);
        List<String> trainings = java.util.Collections.synchronizedList(new ArrayList<>());
        GatedLearner first = new GatedLearner();
        first.permits.release(1000); // the session's own model trains at once
        GatedLearner second = new GatedLearner();
        try (LabelJournal<Integer> j = LabelJournal.open(dir.resolve("j.jsonl"), LabelCodec.integers())) {
            LabelingSession<double[], Integer> s = ActiveLearningLoop.builder(p.pool(), first)
                    .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(4))
                    .optJournal(j).buildSession();
            LabelingDesk<double[], Integer> desk = new LabelingDesk<>(s, 4, 2, Duration.ofSeconds(60), () -> now[0],
                    (round, labels, metrics, last) -> trainings.add(round + ":" + labels + (last ? " final" : "")))
                    .withBackgroundTraining(second);
            for (int i = 0; i < 4; i++) {
                long id = desk.next("ana").query().id();
                desk.answer("ana", Answer.of(id, p.poolLabels[(int) id]));
            }
            // the very first model is waited for; then round 1's batch
            LabelingDesk.Next<double[]> n = desk.next("ana");
            assertThat(trainings).containsExactly("1:4");
            assertThat(n.round()).isEqualTo(1);
            desk.answer("ana", Answer.of(n.query().id(), p.poolLabels[(int) n.query().id()]));
            // that answer started training the second model; labeling goes on without waiting
            await(() -> second.started.get() == 1);
            LabelingDesk.Next<double[]> during = desk.next("ana");
            assertThat(during.status()).isEqualTo(LabelingDesk.Status.QUERY);
            assertThat(desk.status()).containsEntry("training", true);
            long held = during.query().id();
            second.permits.release();
            await(() -> !Boolean.TRUE.equals(desk.status().get("training")));
            assertThat(trainings).containsExactly("1:4", "2:5");
            // the queue is re-ranked by the new model: the held query first, then by least confidence
            List<Long> queue = s.outstanding().stream().map(Query::id).toList();
            assertThat(queue.get(0)).isEqualTo(held);
            List<Long> rest = queue.subList(1, queue.size());
            Probabilities probs = second.predictProbabilities(rest.stream().map(id -> p.pool().input(id)).toList());
            for (int i = 1; i < rest.size(); i++) {
                assertThat(maxProb(probs, i - 1)).as("least confident first").isLessThanOrEqualTo(maxProb(probs, i));
            }
            // the rest of the session: nobody waits but for the final model
            second.permits.release(1000);
            int waits = 0;
            while (true) {
                LabelingDesk.Next<double[]> next = desk.next("ana");
                if (next.status() == LabelingDesk.Status.DONE) {
                    break;
                }
                if (next.status() == LabelingDesk.Status.WAIT) {
                    waits++;
                    Thread.sleep(2);
                    continue;
                }
                desk.answer("ana", Answer.of(next.query().id(), p.poolLabels[(int) next.query().id()]));
            }
            assertThat(trainings.get(trainings.size() - 1)).as("the final model has every label").isEqualTo(
                    (trainings.size()) + ":12 final");
            assertThat(LabelJournal.read(dir.resolve("j.jsonl"), LabelCodec.integers()).labels()).hasSize(12);
            desk.close();
        }
    }

    private static float maxProb(Probabilities p, int row) {
        float best = 0;
        for (int c = 0; c < p.classes(); c++) {
            best = Math.max(best, p.get(row, c));
        }
        return best;
    }
}
