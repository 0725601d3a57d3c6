package org.activelearning.examples;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.activelearning.core.Probabilities;

/**
 * A query batch as the console first showed it ({@code batch.json} in the round's image
 * directory): its ids in order and the class probabilities of the model that chose them. A process
 * that resumes the batch shows the same "image i of k" numbering and the same guesses, although
 * its own model is not trained yet.
 *
 * @param ids the batch's ids, in the order they were first shown
 * @param guesses class probabilities per id (as a string key, for JSON), absent when the model had none
 */
record SavedBatch(List<Long> ids, Map<String, float[]> guesses) {

    private static final Gson GSON = new Gson();
    static final String FILE = "batch.json";

    SavedBatch {
        ids = List.copyOf(ids);
        guesses = guesses == null ? Map.of() : Map.copyOf(guesses);
    }

    /** A batch of these ids with the rows of {@code p} (one per id, in order) as guesses; p may be null. */
    static SavedBatch of(List<Long> ids, Probabilities p) {
        Map<String, float[]> g = new LinkedHashMap<>();
        if (p != null) {
            for (int row = 0; row < ids.size(); row++) {
                float[] v = new float[p.classes()];
                for (int c = 0; c < v.length; c++) {
                    v[c] = p.get(row, c);
                }
                g.put(String.valueOf(ids.get(row)), v);
            }
        }
        return new SavedBatch(ids, g);
    }

    /** The saved batch of a round's directory if it holds every one of these ids, else empty. */
    static Optional<SavedBatch> read(Path roundDir, List<Long> ids) {
        Path file = roundDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            SavedBatch b = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), SavedBatch.class);
            return b != null && b.ids != null && b.ids.containsAll(ids) ? Optional.of(new SavedBatch(b.ids, b.guesses))
                    : Optional.empty();
        } catch (IOException | JsonParseException e) {
            // a batch file a kill cut short is rewritten: it only serves numbering and guesses
            return Optional.empty();
        }
    }

    /** Writes the batch through a temporary file and an atomic rename. */
    void write(Path roundDir) throws IOException {
        Files.createDirectories(roundDir);
        Path tmp = roundDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, GSON.toJson(this), StandardCharsets.UTF_8);
        Files.move(tmp, roundDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The position of an id in the batch (0-based), or -1. */
    int indexOf(long id) {
        return ids.indexOf(id);
    }

    /** The saved probabilities of an id, if the choosing model had any. */
    Optional<float[]> guess(long id) {
        return Optional.ofNullable(guesses.get(String.valueOf(id)));
    }
}
