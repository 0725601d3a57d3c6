package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.activelearning.core.journal.IdRegistry;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes a session's {@code labels.csv} on demand and, if asked, copies or links every labeled
 * image into {@code DIR/<class>/<its relative path>}.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write a session's labels.csv, and copy or link its labeled images into class folders.",
            "Skipped images are listed in labels.csv but not copied."})
public final class ExportCommand implements Callable<Integer> {

    @Option(names = "--session", paramLabel = "DIR", required = true, description = "The session directory of a run.")
    Path session;

    @Option(names = "--to", paramLabel = "DIR",
            description = "Also copy each labeled image to DIR/<class>/<its path relative to the image folder>.")
    Path to;

    @Option(names = "--link", description = "With --to: create symbolic links instead of copies.")
    boolean link;

    private final PrintStream out;

    /**
     * Creates the command.
     *
     * @param out where the summary goes
     */
    public ExportCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        SessionModel model = SessionModel.read(session);
        if (model.images() == null) {
            throw new IllegalArgumentException("Session " + session + " labeled CIFAR-format data, not an image "
                    + "folder: its labels are in journal.jsonl, by image index");
        }
        Path root = Path.of(model.images());
        IdRegistry ids = IdRegistry.open(session.resolve(RunData.IDS_FILE));
        Map<Long, String> paths = new java.util.HashMap<>();
        ids.ids().forEach((path, id) -> paths.put(id, path));
        JournalState<Integer> journal = LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers());
        Path csv = session.resolve(LabelsCsv.FILE);
        new LabelsCsv(csv, model.classes(), paths::get, journal).write();
        out.printf("Wrote %s: %s, %d skipped.%n", csv.toAbsolutePath(),
                Progress.plural(journal.labels().size(), "label"), journal.skipped().size());
        if (to == null) {
            return 0;
        }
        int written = 0;
        int missing = 0;
        for (Map.Entry<Long, Integer> e : journal.labels().entrySet()) {
            String rel = paths.get(e.getKey());
            Path source = rel == null ? null : root.resolve(rel);
            if (source == null || !Files.isRegularFile(source)) {
                missing++;
                continue;
            }
            Path target = to.resolve(model.classes().get(e.getValue())).resolve(rel);
            Files.createDirectories(target.getParent());
            if (link) {
                Files.deleteIfExists(target);
                try {
                    Files.createSymbolicLink(target, source.toAbsolutePath());
                } catch (FileAlreadyExistsException | UnsupportedOperationException ex) {
                    throw new IOException("Could not link " + target + " to " + source + ": " + Errors.reason(ex), ex);
                }
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            written++;
        }
        out.printf("%s %s into %s/<class>/%s.%n", link ? "Linked" : "Copied", Progress.plural(written, "image"),
                to.toAbsolutePath(), missing > 0 ? "; " + missing + " labeled files are no longer in " + root : "");
        return 0;
    }
}
