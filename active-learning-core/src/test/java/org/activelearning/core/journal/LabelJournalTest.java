package org.activelearning.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.activelearning.core.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelJournalTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @Test
    void recordsEveryAnswerAndReplaysTheLabeledSet() throws Exception {
        Path file = dir.resolve("s/journal.jsonl");
        try (LabelJournal<String> j = LabelJournal.open(file, LabelCodec.strings(), clock)) {
            assertThat(j.initialState().isEmpty()).isTrue();
            j.recordQuery(1, new long[] {5, 9, 7});
            j.recordAnswer(1, Answer.of(5, "cat \"tabby\"\nline").withAnnotator("ana").withSeconds(2.5));
            j.recordAnswer(1, Answer.<String>skip(9, "blurry").withAnnotator("ana").withSeconds(1));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).isEqualTo("{\"type\":\"label\",\"round\":1,\"time\":\"2026-01-02T03:04:05Z\",\"id\":5,"
                + "\"label\":\"cat \\\"tabby\\\"\\nline\",\"seconds\":2.5,\"annotator\":\"ana\"}");
        JournalState<String> st = LabelJournal.read(file, LabelCodec.strings());
        assertThat(st.labels()).containsExactly(java.util.Map.entry(5L, "cat \"tabby\"\nline"));
        assertThat(st.skipped()).containsEntry(9L, "blurry");
        assertThat(st.pendingIds()).containsExactly(7L);
        assertThat(st.lastRound()).isEqualTo(1);
        assertThat(st.entries().get(1).annotator()).isEqualTo("ana");
        assertThat(st.entries().get(1).seconds()).isEqualTo(2.5);
        assertThat(st.entries().get(1).time()).isEqualTo(clock.instant());
    }

    @Test
    void undoRemovesTheAnswerAndMakesTheIdPendingAgain() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers(), clock)) {
            j.recordQuery(2, new long[] {1, 2});
            j.recordAnswer(2, Answer.of(1, 3).withSeconds(1));
            j.recordUndo(2, 1);
            j.recordAnswer(2, Answer.of(2, 4).withSeconds(1));
        }
        JournalState<Integer> st = LabelJournal.read(file, LabelCodec.integers());
        assertThat(st.labels()).containsOnlyKeys(2L);
        assertThat(st.pendingIds()).containsExactly(1L);
    }

    @Test
    void tornLastLineIsReportedIgnoredAndCutOffBeforeAppending() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers(), clock)) {
            j.recordQuery(1, new long[] {1, 2});
            j.recordAnswer(1, Answer.of(1, 0).withSeconds(1));
        }
        Files.writeString(file, "{\"type\":\"label\",\"round\":1,\"ti", StandardOpenOption.APPEND);
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers(), clock)) {
            assertThat(j.initialState().tornLine()).hasValueSatisfying(s -> assertThat(s).contains("line 3"));
            assertThat(j.initialState().labels()).containsOnlyKeys(1L);
            j.recordAnswer(1, Answer.of(2, 1).withSeconds(1));
        }
        JournalState<Integer> st = LabelJournal.read(file, LabelCodec.integers());
        assertThat(st.tornLine()).isEmpty();
        assertThat(st.labels()).containsOnlyKeys(1L, 2L);
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void aCompleteButInvalidLastLineIsCorruptionNotATornWriteAndNothingIsCut() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers(), clock)) {
            j.recordQuery(1, new long[] {1, 2});
            j.recordAnswer(1, Answer.of(1, 0).withSeconds(1));
        }
        Files.writeString(file, "{\"type\":\"label\",\"round\":1}\n", StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> LabelJournal.open(file, LabelCodec.integers()))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("line 3")
                .hasMessageContaining(file.toString());
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void corruptLineInTheMiddleIsAnErrorWithItsLineNumber() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers(), clock)) {
            j.recordQuery(1, new long[] {1, 2});
            j.recordAnswer(1, Answer.of(1, 0).withSeconds(1));
            j.recordAnswer(1, Answer.of(2, 0).withSeconds(1));
        }
        List<String> lines = Files.readAllLines(file);
        lines.set(1, lines.get(1).replace("\"id\":1", "\"id\":one"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabelJournal.open(file, LabelCodec.integers()))
                .isInstanceOf(JournalCorruptedException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining(file.toString())
                .satisfies(e -> assertThat(((JournalCorruptedException) e).line()).isEqualTo(2));
    }

    @Test
    void unknownTypeAndBadLabelAreCorruptLines() throws Exception {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, "{\"type\":\"teleport\",\"round\":1,\"time\":\"2026-01-02T03:04:05Z\",\"id\":1}\n"
                + "{\"type\":\"undo\",\"round\":1,\"time\":\"2026-01-02T03:04:05Z\",\"id\":1}\n");
        assertThatThrownBy(() -> LabelJournal.read(file, LabelCodec.integers()))
                .hasMessageContaining("line 1").hasMessageContaining("'teleport'");
        Files.writeString(file, "{\"type\":\"label\",\"round\":1,\"time\":\"2026-01-02T03:04:05Z\",\"id\":1,\"label\":\"x\"}\n"
                + "{\"type\":\"undo\",\"round\":1,\"time\":\"2026-01-02T03:04:05Z\",\"id\":1}\n");
        assertThatThrownBy(() -> LabelJournal.read(file, LabelCodec.integers()))
                .hasMessageContaining("line 1").hasMessageContaining("'x' is not an integer");
    }

    @Test
    void aJournalCannotBeOpenedTwice() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (LabelJournal<Integer> j = LabelJournal.open(file, LabelCodec.integers())) {
            assertThat(j.file()).isEqualTo(file);
            assertThatThrownBy(() -> LabelJournal.open(file, LabelCodec.integers()))
                    .hasMessageContaining("in use");
        }
    }
}
