package org.activelearning.examples;

import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.activelearning.djl.ResNet18;

/**
 * What a session's model is ({@code model.json}): enough for {@code predict} and {@code export} to
 * rebuild the learner and find the images without the options of the run that trained it.
 *
 * @param stem the ResNet-18 stem
 * @param imageSize the square input size in pixels
 * @param classes the class names, in label order
 * @param pretrained the pretrained source, or null
 * @param images the absolute image folder of a run on image folders, or null
 */
record SessionModel(ResNet18.Stem stem, int imageSize, List<String> classes, String pretrained, String images) {

    /** The file name in the session directory. */
    static final String FILE = "model.json";

    /** Writes the file atomically. */
    void write(Path sessionDir) throws IOException {
        Path tmp = sessionDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, JsonValues.GSON.toJson(this) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, sessionDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a session's model description.
     *
     * @throws IOException naming the session if there is none or it cannot be read
     */
    static SessionModel read(Path sessionDir) throws IOException {
        Path file = sessionDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("No " + FILE + " in " + sessionDir + ": it is not a session directory of the run "
                    + "command (or was made by a version before 0.1.0); pass the --session of a run");
        }
        try {
            SessionModel m = JsonValues.GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8),
                    SessionModel.class);
            if (m == null || m.stem() == null || m.classes() == null || m.classes().size() < 2 || m.imageSize() < 8) {
                throw new JsonParseException("fields stem, imageSize and classes are required");
            }
            return m;
        } catch (JsonParseException e) {
            throw new IOException(file + " is not a model description (" + e.getMessage() + ")", e);
        }
    }
}
