package org.activelearning.examples;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A session directory: the label journal, per-round metrics, checkpoints, queried images and the
 * learning curve of one run, which the same command resumes.
 *
 * <p>{@code session.properties} records the settings that must not change between runs of one
 * session (the data, the pool, the seed); resuming with different ones is an error that names
 * them, because the journal's ids would mean other images.
 */
public final class Session {

    private static final String CONFIG = "session.properties";

    private final Path dir;
    private final boolean resumed;

    private Session(Path dir, boolean resumed) {
        this.dir = dir;
        this.resumed = resumed;
    }

    /**
     * Opens or creates a session directory.
     *
     * @param dir the directory
     * @param identity settings that must match on resume
     * @return the session
     * @throws IOException if the directory cannot be used
     * @throws IllegalArgumentException if an existing session has other settings
     */
    public static Session open(Path dir, Map<String, String> identity) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("Session path " + dir + " is a file, not a directory; pass a new or existing "
                    + "session directory with --session");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("Cannot create the session directory " + dir + ": " + Errors.reason(e)
                    + "; pass a directory you can write to with --session", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("Cannot write in the session directory " + dir + ": permission denied; pass a "
                    + "directory you can write to with --session");
        }
        Path config = dir.resolve(CONFIG);
        if (Files.exists(config)) {
            Properties old = new Properties();
            try (Reader r = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                old.load(r);
            }
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, String> e : identity.entrySet()) {
                String before = old.getProperty(e.getKey());
                if (before != null && !before.equals(e.getValue())) {
                    differences.add(e.getKey() + " was '" + before + "', now '" + e.getValue() + "'");
                }
            }
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException("Session directory " + dir + " belongs to another run ("
                        + String.join("; ", differences) + "); use the same options to resume it, or choose a new "
                        + "--session directory");
            }
            requireLabelsWhereRoundsWere(dir);
            return new Session(dir, Files.exists(dir.resolve("journal.jsonl")));
        }
        Properties p = new Properties();
        p.putAll(identity);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "Settings of this active-learning session; resuming requires the same values");
        } catch (IOException e) {
            throw new IOException("Cannot write the session settings " + config + ": " + Errors.reason(e), e);
        }
        return new Session(dir, false);
    }

    /**
     * Refuses to start over in a session whose journal is empty or missing although rounds were
     * recorded: resuming would silently ask for a new initial set and overwrite the session's story.
     */
    private static void requireLabelsWhereRoundsWere(Path dir) throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        Path metrics = dir.resolve("metrics.csv");
        if (!Files.exists(metrics) || (Files.exists(journal) && Files.size(journal) > 0)) {
            return;
        }
        long rounds;
        try (java.util.stream.Stream<String> lines = Files.lines(metrics, StandardCharsets.UTF_8)) {
            rounds = lines.skip(1).filter(l -> !l.isBlank()).count();
        }
        if (rounds > 0) {
            throw new IllegalArgumentException("Session directory " + dir + " recorded " + rounds + " round"
                    + (rounds == 1 ? "" : "s") + " in metrics.csv, but its journal.jsonl is "
                    + (Files.exists(journal) ? "empty" : "missing") + ": the labels are gone (deleted or truncated?)."
                    + " Nothing was changed; restore journal.jsonl from a backup, or use a new --session directory");
        }
    }

    /**
     * The directory.
     *
     * @return the path
     */
    public Path dir() {
        return dir;
    }

    /**
     * Whether the session already had a journal when opened.
     *
     * @return true when resuming
     */
    public boolean resumed() {
        return resumed;
    }

    /**
     * The label journal.
     *
     * @return the path
     */
    public Path journal() {
        return dir.resolve("journal.jsonl");
    }

    /**
     * Per-round metrics as CSV.
     *
     * @return the path
     */
    public Path metricsCsv() {
        return dir.resolve("metrics.csv");
    }

    /**
     * Per-round metrics as JSON Lines.
     *
     * @return the path
     */
    public Path metricsJsonl() {
        return dir.resolve("metrics.jsonl");
    }

    /**
     * The checkpoint of a round.
     *
     * @param round the round
     * @return the path
     */
    public Path checkpoint(int round) {
        return dir.resolve("checkpoints").resolve(String.format("round-%03d.ckpt", round));
    }

    /**
     * Where the queried images are saved, one subdirectory per round.
     *
     * @return the path
     */
    public Path queries() {
        return dir.resolve("queries");
    }

    /**
     * The learning-curve plot.
     *
     * @return the path
     */
    public Path plot() {
        return dir.resolve("learning-curve.png");
    }

    /**
     * The latest round checkpoint of a session directory.
     *
     * @param sessionDir the session directory
     * @return the checkpoint with the highest round number, or null if there is none
     * @throws IOException if the checkpoint directory cannot be listed
     */
    static Path latestCheckpoint(Path sessionDir) throws IOException {
        Path dir = sessionDir.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("round-\\d+\\.ckpt")).sorted()
                    .reduce((a, b) -> b).orElse(null);
        }
    }
}
