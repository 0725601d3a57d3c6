package org.activelearning.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.activelearning.core.Answer;
import org.activelearning.core.AnswerSink;
import org.activelearning.core.LoopListener;
import org.activelearning.core.Oracle;
import org.activelearning.core.Probabilities;
import org.activelearning.core.Query;
import org.activelearning.djl.data.ImageDecoder;
import org.activelearning.djl.data.PlanarImage;

/**
 * A person labels images at the console.
 *
 * <p>Each image is shown in 24-bit colour with half-block characters (or, without a colour
 * terminal, saved as a PNG whose path is printed), with the numbered class list, the model's top-3
 * guesses and progress; the ground truth is never shown. The person types a class number or a
 * unique prefix of a class name (case-insensitive). Commands start with a colon, so that no class
 * name can be taken for one: {@code :s} skips, {@code :u} undoes the previous answer of this batch
 * (answers of earlier rounds cannot be undone here: the model has trained on them), {@code :q}
 * quits, {@code ?} or {@code :?} shows help; anything else re-prompts. End of input quits like
 * {@code :q}. Every answer is handed to the loop, which writes it to the journal before this
 * oracle shows the next image.
 *
 * <p>The first time a batch is shown, its ids and the model's guesses are saved as
 * {@code batch.json} beside its PNGs; a resumed batch keeps its "image i of k" numbering and shows
 * the guesses of the model that chose it. While the person labels, log lines that would go to
 * standard error are appended to a log file instead (see {@link #withLogFile}), so they cannot
 * break the screen.
 */
public final class ConsoleOracle implements Oracle<PlanarImage, Integer>, LoopListener<PlanarImage, Integer> {

    private static final String PROMPT = "Label (number or name; :s skip, :u undo, :q quit, ? help)> ";

    private final BufferedReader in;
    private final PrintStream out;
    private final List<String> classNames;
    private final Function<List<PlanarImage>, Probabilities> guesser;
    private final boolean color;
    private final Path imageDir;
    private final String annotator;
    private final int totalRounds;
    private int round;
    private int columns;
    private int lines;
    private Path logFile;
    private java.util.function.LongFunction<Path> files;
    private java.util.function.LongFunction<String> names;

    /** Lines of a labeling screen besides the image: header, blank, guesses, two of classes, prompt, feedback. */
    static final int RESERVED_LINES = 7;

    /**
     * Creates the oracle.
     *
     * @param in where answers are read from
     * @param out where images and prompts are written
     * @param classNames the class names, in label order
     * @param guesser predicts probabilities for the top-3 guesses (returning null while the model is
     *     untrained), or null to show none
     * @param color true to render images with ANSI colour, false to save PNGs and print paths
     * @param imageDir where each round's images are saved as PNGs
     * @param annotator the name recorded with each answer
     * @param totalRounds the planned number of query rounds, for the progress line
     */
    public ConsoleOracle(BufferedReader in, PrintStream out, List<String> classNames,
            Function<List<PlanarImage>, Probabilities> guesser, boolean color, Path imageDir, String annotator,
            int totalRounds) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.classNames = List.copyOf(classNames);
        this.guesser = guesser;
        this.color = color;
        this.imageDir = Objects.requireNonNull(imageDir, "imageDir");
        this.annotator = Objects.requireNonNull(annotator, "annotator");
        this.totalRounds = totalRounds;
        TerminalSize size = TerminalSize.detect();
        this.columns = Math.max(20, size.columns());
        this.lines = Math.max(10, size.lines());
    }

    /**
     * Sends what is written to standard error while the person labels (log lines of other threads
     * and libraries) to a file instead of the screen.
     *
     * @param file the log file, appended to; null to leave standard error alone
     * @return this oracle
     */
    public ConsoleOracle withLogFile(Path file) {
        this.logFile = file;
        return this;
    }

    @Override
    public String name() {
        return annotator;
    }

    /**
     * Shows each query's image file: its path relative to the folder above the image, and the
     * image itself decoded from the file at its real aspect, scaled to fit the terminal (instead of
     * the square model input).
     *
     * @param files the file of an id (null for an id without one)
     * @param relativePaths the path to show for an id
     * @return this oracle
     */
    public ConsoleOracle withImageFiles(java.util.function.LongFunction<Path> files,
            java.util.function.LongFunction<String> relativePaths) {
        this.files = files;
        this.names = relativePaths;
        return this;
    }

    /**
     * Sets the terminal size the screen must fit (default: the {@code COLUMNS} and {@code LINES}
     * environment variables, else the size the terminal reports, else 80 x 24).
     *
     * @param columns character columns, at least 20
     * @param lines lines, at least 10
     * @return this oracle
     */
    public ConsoleOracle withTerminalSize(int columns, int lines) {
        if (columns < 20 || lines < 10) {
            throw new IllegalArgumentException("A terminal of " + columns + " x " + lines
                    + " is too small to label in; need at least 20 x 10");
        }
        this.columns = columns;
        this.lines = lines;
        return this;
    }

    /**
     * The largest whole magnification at which an image fits the terminal beside the header, the
     * guesses, the class list and the prompt, each character cell showing two pixel rows; at least 1.
     *
     * @param width image width in pixels
     * @param height image height in pixels
     * @param columns terminal columns
     * @param lines terminal lines
     * @return the magnification
     */
    static int fitScale(int width, int height, int columns, int lines) {
        int byWidth = columns / width;
        int byHeight = 2 * (lines - RESERVED_LINES) / height;
        return Math.max(1, Math.min(byWidth, byHeight));
    }

    @Override
    public void onQueried(int round, List<Query<PlanarImage>> queries, double seconds) {
        this.round = round;
    }

    @Override
    public void label(List<Query<PlanarImage>> queries, AnswerSink<Integer> answers) throws IOException {
        if (queries.isEmpty()) {
            return;
        }
        Path roundDir = imageDir.resolve(String.format("round-%03d", round));
        List<Long> ids = queries.stream().map(Query::id).toList();
        SavedBatch batch = SavedBatch.read(roundDir, ids).orElse(null);
        if (batch == null) {
            Probabilities guesses = guesser == null ? null
                    : guesser.apply(queries.stream().map(Query::input).toList());
            batch = SavedBatch.of(ids, guesses);
            for (Query<PlanarImage> q : queries) {
                TerminalImage.writePng(q.input(), roundDir.resolve(q.id() + ".png"), 8);
            }
            batch.write(roundDir);
        }
        PrintStream stderr = System.err;
        PrintStream log = logFile == null ? null : new PrintStream(Files.newOutputStream(logFile,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8);
        if (log != null) {
            System.setErr(log);
        }
        try {
            ask(queries, answers, batch, roundDir);
        } finally {
            if (log != null) {
                System.setErr(stderr);
                log.close();
            }
        }
    }

    private void ask(List<Query<PlanarImage>> queries, AnswerSink<Integer> answers, SavedBatch batch, Path roundDir)
            throws IOException {
        Deque<Integer> answered = new ArrayDeque<>();
        int i = 0;
        while (i < queries.size()) {
            Query<PlanarImage> q = queries.get(i);
            show(q, batch, roundDir);
            long shown = System.nanoTime();
            while (true) {
                out.print(PROMPT);
                out.flush();
                String line = in.readLine();
                if (line == null) {
                    out.println();
                    out.println("End of input: stopping. Every answer given so far is saved; run the same command "
                            + "to continue.");
                    return;
                }
                String text = line.strip();
                String cmd = text.toLowerCase(Locale.ROOT);
                double seconds = (System.nanoTime() - shown) / 1e9;
                if (cmd.isEmpty()) {
                    continue;
                }
                if (cmd.equals(":q")) {
                    out.println("Quitting. Every answer given so far is saved; run the same command to continue.");
                    return;
                }
                if (cmd.equals("?") || cmd.equals(":?") || cmd.equals(":h")) {
                    help();
                    continue;
                }
                if (cmd.equals(":s")) {
                    answers.accept(Answer.<Integer>skip(q.id(), "skipped at the console").withAnnotator(annotator)
                            .withSeconds(seconds));
                    out.println("Skipped; it will not be asked again.");
                    answered.push(i);
                    i++;
                    break;
                }
                if (cmd.equals(":u")) {
                    if (answered.isEmpty()) {
                        out.println("Nothing to undo in this batch: answers of earlier rounds cannot be undone, "
                                + "the model has trained on them.");
                        continue;
                    }
                    int previous = answered.pop();
                    long id = queries.get(previous).id();
                    answers.retract(id);
                    out.println("Undone: image " + position(batch, id, previous) + " will be asked again.");
                    i = previous;
                    break;
                }
                if (cmd.startsWith(":")) {
                    out.println("'" + text + "' is not a command; commands are :s (skip), :u (undo), :q (quit) and "
                            + ":? (help).");
                    continue;
                }
                Resolution r = resolve(text);
                if (r.error != null) {
                    out.println(r.error);
                    continue;
                }
                answers.accept(Answer.of(q.id(), r.cls).withAnnotator(annotator).withSeconds(seconds));
                out.println("Labeled " + r.cls + " " + classNames.get(r.cls) + ".");
                answered.push(i);
                i++;
                break;
            }
        }
    }

    /** The 1-based position of an id in the batch as first shown (resumed batches keep it). */
    private static int position(SavedBatch batch, long id, int fallback) {
        int at = batch.indexOf(id);
        return (at >= 0 ? at : fallback) + 1;
    }

    private record Resolution(int cls, String error) {}

    /** A class number, or a case-insensitive unique prefix of a class name (an exact name always wins). */
    Resolution resolve(String text) {
        if (text.matches("\\d+")) {
            int n = text.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(text);
            if (n < classNames.size()) {
                return new Resolution(n, null);
            }
            return new Resolution(-1, "There is no class " + text + "; class numbers go from 0 to "
                    + (classNames.size() - 1) + ".");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<Integer> matches = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            String name = classNames.get(c).toLowerCase(Locale.ROOT);
            if (name.equals(lower)) {
                return new Resolution(c, null);
            }
            if (name.startsWith(lower)) {
                matches.add(c);
            }
        }
        if (matches.size() == 1) {
            return new Resolution(matches.get(0), null);
        }
        if (matches.isEmpty()) {
            String hint = lower.length() == 1 && "suq".contains(lower) ? " Commands start with a colon: :" + lower + "."
                    : " Type ? for help.";
            return new Resolution(-1, "'" + text + "' is not a class number or class name." + hint);
        }
        List<String> names = matches.stream().map(classNames::get).toList();
        return new Resolution(-1, "'" + text + "' matches " + String.join(", ", names) + "; type more letters.");
    }

    private void show(Query<PlanarImage> q, SavedBatch batch, Path roundDir) {
        out.println();
        String stage = round == 0 ? "Initial set" : "Round " + round + (totalRounds > 0 ? " of " + totalRounds : "");
        out.println("── " + stage + " · image " + position(batch, q.id(), 0) + " of " + batch.ids().size() + " · id "
                + q.id() + " ──");
        Path file = files == null ? null : files.apply(q.id());
        if (file != null) {
            out.println("File: " + names.apply(q.id()));
        }
        if (color) {
            out.print(file != null ? TerminalImage.render(atRealAspect(file, q.input()), 1)
                    : TerminalImage.render(q.input(), fitScale(q.input().width(), q.input().height(), columns, lines)));
        } else {
            out.println("Image: " + (file != null ? file.toAbsolutePath() : roundDir.resolve(q.id() + ".png")
                    .toAbsolutePath()));
        }
        batch.guess(q.id()).ifPresent(p -> out.println("Model's guesses: " + topThree(p)));
        // the class list, wrapped to the terminal's width
        StringBuilder line = new StringBuilder("Classes:");
        for (int c = 0; c < classNames.size(); c++) {
            String item = "  " + c + " " + classNames.get(c);
            if (line.length() + item.length() > columns && line.length() > 0) {
                out.println(line);
                line = new StringBuilder(" ".repeat(8));
            }
            line.append(item);
        }
        out.println(line);
    }

    /**
     * The file decoded at its own aspect, as large as fits beside the screen's other lines (two pixel
     * rows per line), or the model's input if the file can no longer be read.
     */
    private PlanarImage atRealAspect(Path file, PlanarImage fallback) {
        try {
            return ImageDecoder.fit(file, columns, 2 * (lines - RESERVED_LINES - 1));
        } catch (IOException e) {
            return fallback;
        }
    }

    private String topThree(float[] p) {
        Integer[] order = new Integer[p.length];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(3, Math.min(order.length, classNames.size())); k++) {
            if (k > 0) {
                sb.append(" · ");
            }
            sb.append(classNames.get(order[k])).append(String.format(Locale.ROOT, " %.1f%%", 100 * p[order[k]]));
        }
        return sb.toString();
    }

    private void help() {
        out.println("Type the class number (0-" + (classNames.size() - 1) + ") or the start of its name"
                + prefixExample(classNames).map(e -> ", e.g. " + e).orElse("") + ".");
        out.println("  :s  skip this image (it is not asked again)");
        out.println("  :u  undo your previous answer in this batch and label that image again");
        out.println("  :q  quit; every answer is already saved and the same command resumes");
        out.println("  ?   this help");
    }

    /**
     * An example of a unique prefix from this class list: the shortest prefix of the first class
     * whose shortest unique prefix is shorter than its name, e.g. {@code 'au' for automobile}.
     */
    static java.util.Optional<String> prefixExample(List<String> classNames) {
        for (String name : classNames) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (int n = 1; n < lower.length(); n++) {
                String prefix = lower.substring(0, n);
                long matching = classNames.stream().filter(c -> c.toLowerCase(Locale.ROOT).startsWith(prefix)).count();
                if (matching == 1 && !prefix.isBlank()) {
                    return java.util.Optional.of("'" + prefix + "' for " + name);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
