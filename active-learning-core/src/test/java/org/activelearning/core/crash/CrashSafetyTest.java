package org.activelearning.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LoopResult;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.testing.ChildJvm;
import org.activelearning.core.testing.SoftmaxRegression;
import org.activelearning.core.testing.SyntheticProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child JVM is killed with SIGKILL mid-session; the next run resumes without losing or re-asking anything. */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedLabelSurvivesSigkillAndIsNeverAskedAgain() throws Exception {
        Path journalFile = dir.resolve("journal.jsonl");
        Process child = ChildJvm.start(CrashChild.class, journalFile.toString());
        List<Long> acked = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            // 5 initial labels, then mid-way through round 2 (each round queries 5)
            while (acked.size() < 13 && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(Long.parseLong(line.substring(4)));
                }
            }
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no flushing
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acked).hasSize(13);

        JournalState<Integer> afterCrash = LabelJournal.read(journalFile, LabelCodec.integers());
        assertThat(afterCrash.labels().keySet()).containsAll(acked);

        SyntheticProblem p = new SyntheticProblem(300, 50, 77);
        SyntheticProblem.RecordingOracle resumed = p.oracle();
        try (LabelJournal<Integer> journal = LabelJournal.open(journalFile, LabelCodec.integers())) {
            LoopResult r = ActiveLearningLoop.<double[], Integer>builder()
                    .setPool(p.pool()).setLearner(new SoftmaxRegression(3, 2)).setOracle(resumed)
                    .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(5))
                    .optQuerySize(5).optStoppingCriterion(StoppingCriteria.maxRounds(4)).optJournal(journal)
                    .build().run();
            assertThat(r.reason()).isEqualTo(LoopResult.StopReason.CRITERION_MET);
            assertThat(r.state().labeledCount()).isEqualTo(5 + 4 * 5);
        }
        assertThat(resumed.asked).doesNotContainAnyElementsOf(acked).doesNotHaveDuplicates();
        JournalState<Integer> end = LabelJournal.read(journalFile, LabelCodec.integers());
        for (long id : acked) {
            assertThat(end.labels()).containsEntry(id, p.poolLabels[(int) id]);
        }
    }
}
