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
            assertThat(again.batchSize()).as("the rest of the interrupted initial batch").isEqualTo(3);
            assertThat(desk.status()).containsEntry("labels", 1).containsEntry("unanswered", 3);
        }
    }
}
