package org.activelearning.examples;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A session's {@code metrics.csv} and {@code metrics.jsonl}: exactly one row per round, however
 * often the session was killed and resumed. Rows are kept by round number; a round recorded again
 * replaces its row, and both files are rewritten whole through a temporary file and an atomic
 * rename, so a kill leaves the old or the new version, never a mix. {@code metrics.jsonl} is read
 * back on resume (the CSV is derived from it).
 */
final class MetricsTable {

    private final Path csvFile;
    private final Path jsonFile;
    private final List<String> classNames;
    private final TreeMap<Integer, RoundRecord> rows = new TreeMap<>();

    /**
     * Opens the table, reading the rows an earlier process wrote.
     *
     * @throws IOException if {@code metrics.jsonl} cannot be read, or holds a line that is not a row
     *     (naming the file and line)
     */
    MetricsTable(Path csvFile, Path jsonFile, List<String> classNames) throws IOException {
        this.csvFile = csvFile;
        this.jsonFile = jsonFile;
        this.classNames = List.copyOf(classNames);
        if (Files.exists(jsonFile)) {
            List<String> lines = Files.readAllLines(jsonFile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
                    RoundRecord r = RoundRecord.fromJson(o);
                    rows.put(r.round(), r);
                } catch (JsonParseException | IllegalStateException | IllegalArgumentException
                        | UnsupportedOperationException e) {
                    throw new IOException(jsonFile + " line " + (i + 1) + " is not a metrics row (" + e.getMessage()
                            + "); move the file away and the next run rebuilds it from the rounds it trains", e);
                }
            }
        }
    }

    /**
     * Records a round, replacing an earlier row of the same round, and rewrites both files.
     *
     * @param row the row
     * @throws IOException if the files cannot be written
     */
    void put(RoundRecord row) throws IOException {
        rows.put(row.round(), row);
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get())) {
            printer.printRecord(RoundRecord.csvHeader(classNames));
            for (RoundRecord r : rows.values()) {
                printer.printRecord(r.csvValues(classNames));
            }
        }
        StringBuilder json = new StringBuilder();
        for (RoundRecord r : rows.values()) {
            json.append(r.toJson()).append('\n');
        }
        replace(csvFile, csv.toString());
        replace(jsonFile, json.toString());
    }

    /** The row of a round, if one was recorded. */
    Optional<RoundRecord> row(int round) {
        return Optional.ofNullable(rows.get(round));
    }

    /** The rows, by round. */
    List<RoundRecord> rows() {
        return new ArrayList<>(rows.values());
    }

    /** The final row (the training after the last query round), if the session got that far. */
    Optional<RoundRecord> finalRow() {
        return rows.isEmpty() || !rows.lastEntry().getValue().last() ? Optional.empty()
                : Optional.of(rows.lastEntry().getValue());
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
