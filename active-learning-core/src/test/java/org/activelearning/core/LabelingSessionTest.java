package org.activelearning.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.activelearning.core.crash.SessionChild;
import org.activelearning.core.journal.JournalEntry;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.testing.ChildJvm;
import org.activelearning.core.testing.SoftmaxRegression;
import org.activelearning.core.testing.SyntheticProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelingSessionTest {

    @TempDir
    Path dir;

    private static LabelingSession<double[], Integer> session(SyntheticProblem p, LabelJournal<Integer> journal) {
        return ActiveLearningLoop.builder(p.pool(), new SoftmaxRegression(3, 2))
                .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(6))
                .optJournal(journal).optStoppingCriterion(StoppingCriteria.labelBudget(20)).buildSession();
    }

    @Test
    void queryTeachRetrainWithOutstandingQueriesUndoAndABudgetCap() throws Exception {
        SyntheticProblem p = new SyntheticProblem(200, 10, 1);
        Path file = dir.resolve("pull.jsonl");
        try (LabelJournal<Integer> journal = LabelJournal.open(file, LabelCodec.integers())) {
            LabelingSession<double[], Integer> s = session(p, journal);
            List<Query<double[]>> initial = s.query(10);
            assertThat(initial).hasSize(6);
            for (Query<double[]> q : initial) {
                s.teach(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
            assertThatThrownBy(() -> s.query(4)).hasMessageContaining("call retrain()");
            Metrics m = s.retrain();
            assertThat(m).isNotNull();
            List<Query<double[]>> batch = s.query(4);
            assertThat(batch).hasSize(4).allMatch(q -> !Double.isNaN(q.score()));
            s.teach(Answer.of(batch.get(0).id(), p.poolLabels[(int) batch.get(0).id()]));
            s.teach(Answer.skip(batch.get(1).id(), "blurry"));
            // unanswered queries come back first, without a new selection
            assertThat(s.query(4)).extracting(Query::id).containsExactly(batch.get(2).id(), batch.get(3).id());
            s.undo(batch.get(0).id());
            assertThat(s.outstanding()).extracting(Query::id).contains(batch.get(0).id());
            assertThatThrownBy(() -> s.teach(Answer.of(initial.get(0).id(), 0)))
                    .hasMessageContaining("is not an outstanding query (it is already labeled)");
            assertThatThrownBy(() -> s.teach(Answer.of(batch.get(2).id(), 9)))
                    .hasMessageContaining("Label '9' for id " + batch.get(2).id() + " is not one of the learner's classes");
            for (Query<double[]> q : s.outstanding()) {
                s.teach(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
            }
            assertThat(s.labels()).hasSize(9);
            s.retrain();
            // a budget of 20 labels leaves 11: a batch of 50 is capped
            assertThat(s.query(50)).hasSize(11);
        }
        List<JournalEntry<Integer>> queries = LabelJournal.read(file, LabelCodec.integers()).entries().stream()
                .filter(e -> e.type() == JournalEntry.Type.QUERY).toList();
        assertThat(queries).extracting(JournalEntry::round).containsExactly(0, 1, 2);
        assertThat(LabelJournal.read(file, LabelCodec.integers()).labels()).hasSize(9);
    }

    @Test
    void everyTaughtAnswerSurvivesSigkillAndTheInterruptedBatchComesBackFirst() throws Exception {
        Path journalFile = dir.resolve("journal.jsonl");
        Process child = ChildJvm.start(SessionChild.class, journalFile.toString());
        List<Long> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            // 5 initial answers, 5 of batch 1, then 3 of batch 2
            while (acked.size() < 13 && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(Long.parseLong(line.substring(4)));
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acked).hasSize(13);

        SyntheticProblem p = new SyntheticProblem(300, 50, 78);
        List<Long> asked = new ArrayList<>();
        try (LabelJournal<Integer> journal = LabelJournal.open(journalFile, LabelCodec.integers())) {
            LabelingSession<double[], Integer> s = ActiveLearningLoop.builder(p.pool(), new SoftmaxRegression(3, 2))
                    .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(5))
                    .optJournal(journal).buildSession();
            assertThat(s.labels().keySet()).containsAll(acked);
            // the interrupted batch: 5 asked, at least the 3 acknowledged answered
            assertThat(s.outstanding()).hasSizeLessThanOrEqualTo(2).extracting(Query::id).doesNotContainAnyElementsOf(acked);
            int outstanding = s.outstanding().size();
            for (int batch = 0; batch < 3; batch++) {
                List<Query<double[]>> queries = s.query(5);
                if (batch == 0 && outstanding > 0) {
                    assertThat(queries).hasSize(outstanding);
                } else if (batch == 0) {
                    s.retrain();
                    queries = s.query(5);
                }
                for (Query<double[]> q : queries) {
                    asked.add(q.id());
                    s.teach(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
                }
                s.retrain();
            }
        }
        assertThat(asked).doesNotContainAnyElementsOf(acked).doesNotHaveDuplicates();
        var end = LabelJournal.read(journalFile, LabelCodec.integers());
        for (long id : acked) {
            assertThat(end.labels()).containsEntry(id, p.poolLabels[(int) id]);
        }
        List<Integer> rounds = end.entries().stream().filter(e -> e.type() == JournalEntry.Type.QUERY)
                .map(JournalEntry::round).toList();
        assertThat(rounds).doesNotHaveDuplicates();
    }
}
