package org.activelearning.examples;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The settings a comparison run was made with, stored as {@code settings.properties} in its
 * directory, so that a finished or interrupted run is reused only with the same settings: a
 * changed setting is an error naming it, never a silently mixed curve.
 */
final class RunSettings {

    static final String FILE = "settings.properties";

    private RunSettings() {}

    /**
     * Writes the settings into a new run directory, or checks them against an existing one.
     *
     * @param dir the run directory
     * @param settings the settings of this invocation
     * @throws IllegalStateException naming every differing setting, if the run was made with others
     * @throws IOException if the file cannot be read or written
     */
    static void checkOrWrite(Path dir, Map<String, String> settings) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            if (Files.isDirectory(dir) && hasRunFiles(dir)) {
                throw new IllegalStateException("Run directory " + dir + " has results but no " + FILE
                        + " (made by an older version), so its settings are unknown; delete it or use another --out");
            }
            Files.createDirectories(dir);
            Properties p = new Properties();
            settings.forEach(p::setProperty);
            Path tmp = dir.resolve(FILE + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "settings of this comparison run; a run is reused only with the same settings");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Properties stored = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            stored.load(r);
        }
        List<String> diffs = new ArrayList<>();
        settings.forEach((k, v) -> {
            String old = stored.getProperty(k);
            if (!v.equals(old)) {
                diffs.add(k + " " + (old == null ? "(not set)" : old) + " -> " + v);
            }
        });
        for (String k : stored.stringPropertyNames()) {
            if (!settings.containsKey(k)) {
                diffs.add(k + " " + stored.getProperty(k) + " -> (not set)");
            }
        }
        if (!diffs.isEmpty()) {
            throw new IllegalStateException("Run " + dir + " was made with other settings (" + String.join(", ", diffs)
                    + "); its curve would not be comparable. Use another --out for the new settings, or delete "
                    + dir + " to recompute it");
        }
    }

    private static boolean hasRunFiles(Path dir) {
        return Files.exists(dir.resolve("curve.csv")) || Files.exists(dir.resolve("journal.jsonl"));
    }
}
