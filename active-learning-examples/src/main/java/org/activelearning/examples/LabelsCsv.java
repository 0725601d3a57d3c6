package org.activelearning.examples;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.activelearning.core.Answer;
import org.activelearning.core.LoopListener;
import org.activelearning.core.LoopResult;
import org.activelearning.core.RoundSummary;
import org.activelearning.core.journal.JournalEntry;
import org.activelearning.core.journal.JournalState;
import org.activelearning.djl.data.PlanarImage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A session's {@code labels.csv}: one row per image that has a standing answer, with its path
 * relative to the image folder, the class (empty for a skip), who answered, how long it took, in
 * which round, and the skip reason. It is rebuilt from the journal's answers and rewritten
 * atomically after every answer batch, so it is never more than one batch behind the journal
 * (which stays the record of truth).
 */
final class LabelsCsv implements LoopListener<PlanarImage, Integer> {

    /** The file name in the session directory. */
    static final String FILE = "labels.csv";

    private final Path file;
    private final List<String> classNames;
    private final LongFunction<String> pathOf;
    private final Map<Long, Row> rows = new LinkedHashMap<>();

    private record Row(long id, int round, Answer<Integer> answer) {}

    /**
     * Starts from what a journal already holds.
     *
     * @param file the CSV file
     * @param classNames the class names, in label order
     * @param pathOf the relative path of an id (null for an id that left the folder: its id is written)
     * @param journal the journal's state at start
     */
    LabelsCsv(Path file, List<String> classNames, LongFunction<String> pathOf, JournalState<Integer> journal) {
        this.file = file;
        this.classNames = classNames;
        this.pathOf = pathOf;
        for (JournalEntry<Integer> e : journal.entries()) {
            switch (e.type()) {
                case LABEL -> rows.put(e.id(), new Row(e.id(), e.round(),
                        new Answer<>(e.id(), e.label(), null, e.annotator(), e.seconds())));
                case SKIP -> rows.put(e.id(), new Row(e.id(), e.round(),
                        new Answer<>(e.id(), null, e.skipReason(), e.annotator(), e.seconds())));
                case UNDO -> rows.remove(e.id());
                default -> { }
            }
        }
    }

    @Override
    public void onAnswer(int round, Answer<Integer> answer) {
        rows.remove(answer.id());
        rows.put(answer.id(), new Row(answer.id(), round, answer));
    }

    @Override
    public void onRetracted(int round, long id) {
        rows.remove(id);
    }

    @Override
    public void onRoundEnd(RoundSummary summary) {
        write();
    }

    @Override
    public void onLoopEnd(LoopResult result) {
        write();
    }

    /**
     * The standing answers of a round.
     *
     * @param round the round
     * @return {labeled, skipped}
     */
    int[] counts(int round) {
        int[] c = new int[2];
        for (Row r : rows.values()) {
            if (r.round() == round) {
                c[r.answer().isSkip() ? 1 : 0]++;
            }
        }
        return c;
    }

    /**
     * The seconds people spent on the standing answers of the rounds before a round (what the
     * model of that round was trained on).
     *
     * @param round the round
     * @return seconds
     */
    double secondsBefore(int round) {
        double sum = 0;
        for (Row r : rows.values()) {
            if (r.round() < round && Double.isFinite(r.answer().seconds())) {
                sum += r.answer().seconds();
            }
        }
        return sum;
    }

    /** Rewrites the file from the answers so far. */
    void write() {
        StringWriter text = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            csv.printRecord("path", "label", "annotator", "seconds", "round", "skipped_reason");
            for (Row r : rows.values()) {
                String path = pathOf.apply(r.id());
                Answer<Integer> a = r.answer();
                csv.printRecord(path != null ? path : "#" + r.id(), a.isSkip() ? "" : classNames.get(a.label()),
                        a.annotator() == null ? "" : a.annotator(), Double.isNaN(a.seconds()) ? "" : RoundRecord.num(
                        a.seconds()), r.round(), a.isSkip() ? a.skipReason() : "");
            }
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + Errors.reason(e), e);
        }
    }
}
