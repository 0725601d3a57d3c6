package org.activelearning.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session's {@code metrics.csv} and {@code metrics.jsonl}: exactly one row per round, however
 * often the session was killed and resumed. Rows are kept by round number; a round recorded again
 * (a resumed round re-trains) replaces its row, and both files are rewritten whole through a
 * temporary file and an atomic rename, so a kill leaves the old or the new version, never a mix.
 */
final class MetricsTable {

    private static final Pattern JSON_ROUND = Pattern.compile("^\\{\"round\":(\\d+),");

    /** One round's row in both formats, with the fields the plot and the resume check need. */
    record Row(int round, int labels, double accuracy, boolean last, String csv, String json) {}

    private final Path csvFile;
    private final Path jsonFile;
    private final String header;
    private final TreeMap<Integer, Row> rows = new TreeMap<>();

    MetricsTable(Path csvFile, Path jsonFile, String header) throws IOException {
        this.csvFile = csvFile;
        this.jsonFile = jsonFile;
        this.header = header;
        Map<Integer, String> json = new TreeMap<>();
        if (Files.exists(jsonFile)) {
            for (String line : Files.readAllLines(jsonFile, StandardCharsets.UTF_8)) {
                Matcher m = JSON_ROUND.matcher(line);
                if (m.find()) {
                    json.put(Integer.parseInt(m.group(1)), line);
                }
            }
        }
        if (Files.exists(csvFile)) {
            for (String line : Files.readAllLines(csvFile, StandardCharsets.UTF_8)) {
                String[] f = line.split(",");
                if (f.length >= 3 && f[0].matches("\\d+")) {
                    int round = Integer.parseInt(f[0]);
                    rows.put(round, new Row(round, Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                            f[f.length - 1].equals("true"), line, json.getOrDefault(round, "")));
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
    void put(Row row) throws IOException {
        rows.put(row.round(), row);
        StringBuilder csv = new StringBuilder(header).append('\n');
        StringBuilder json = new StringBuilder();
        for (Row r : rows.values()) {
            csv.append(r.csv()).append('\n');
            if (!r.json().isEmpty()) {
                json.append(r.json()).append('\n');
            }
        }
        replace(csvFile, csv.toString());
        replace(jsonFile, json.toString());
    }

    /** The rows, by round. */
    List<Row> rows() {
        return new ArrayList<>(rows.values());
    }

    /** The final row (the training after the last query round), if the session got that far. */
    Optional<Row> finalRow() {
        return rows.isEmpty() || !rows.lastEntry().getValue().last() ? Optional.empty()
                : Optional.of(rows.lastEntry().getValue());
    }

    private static void replace(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
