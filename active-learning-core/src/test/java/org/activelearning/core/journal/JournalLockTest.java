package org.activelearning.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.activelearning.core.Answer;
import org.activelearning.core.crash.JournalHolder;
import org.activelearning.core.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's lock holds across processes, after the replay that reads the file. */
class JournalLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondProcessCannotOpenAJournalThatAnotherHoldsAndIsToldWhoHoldsIt() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            j.recordAnswer(1, Answer.of(1, 0).withSeconds(1));
        }
        Process child = ChildJvm.start(JournalHolder.class, file.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("OPEN");
            // the child replayed the existing journal before appending: its lock must still hold
            assertThatThrownBy(() -> LabelJournal.open(file, LabelCodec.integers()))
                    .isInstanceOf(JournalLockedException.class)
                    .hasMessageContaining("Label journal " + file + " is in use by process " + child.pid())
                    .hasMessageContaining(JournalHolder.class.getName())
                    .hasMessageContaining("use another session directory");
            child.getOutputStream().close();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            assertThat(j.initialState().labels()).containsOnlyKeys(1L, 100L);
        }
    }

    @Test
    void aSecondOpenInTheSameProcessNamesThisProcess() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            assertThatThrownBy(() -> LabelJournal.open(j.file(), LabelCodec.integers()))
                    .isInstanceOf(JournalLockedException.class)
                    .hasMessageContaining("in use by");
        }
    }
}
