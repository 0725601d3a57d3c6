package org.activelearning.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
import org.activelearning.djl.data.PlanarImage;

/**
 * A person labels images at the console.
 *
 * <p>Each image is shown in 24-bit colour with half-block characters (or, without a colour
 * terminal, saved as a PNG whose path is printed), with the numbered class list, the model's top-3
 * guesses and progress; the ground truth is never shown. The person types a class number or a
 * unique prefix of a class name (case-insensitive), {@code s} to skip, {@code u} to undo the
 * previous answer, {@code q} to quit or {@code ?} for help; anything else re-prompts. End of input
 * quits like {@code q}. Every answer is handed to the loop, which writes it to the journal before
 * this oracle shows the next image.
 */
public final class ConsoleOracle implements Oracle<PlanarImage, Integer>, LoopListener<PlanarImage, Integer> {

    private static final String PROMPT = "Label (number or name; s skip, u undo, q quit, ? help)> ";

    private final BufferedReader in;
    private final PrintStream out;
    private final List<String> classNames;
    private final Function<List<PlanarImage>, Probabilities> guesser;
    private final boolean color;
    private final Path imageDir;
    private final String annotator;
    private final int totalRounds;
    private int round;
    private int columns = envInt("COLUMNS", 80);
    private int lines = envInt("LINES", 24);

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
    }

    @Override
    public String name() {
        return annotator;
    }

    /**
     * Sets the terminal size the screen must fit (default: the {@code COLUMNS} and {@code LINES}
     * environment variables, else 80 x 24).
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

    private static int envInt(String name, int fallback) {
        try {
            String v = System.getenv(name);
            return v == null ? fallback : Math.max(1, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void onQueried(int round, List<Query<PlanarImage>> queries, double seconds) {
        this.round = round;
    }

    @Override
    public void label(List<Query<PlanarImage>> queries, AnswerSink<Integer> answers) throws IOException {
        List<PlanarImage> inputs = queries.stream().map(Query::input).toList();
        Probabilities guesses = guesser == null || queries.isEmpty() ? null : guesser.apply(inputs);
        Path roundDir = imageDir.resolve(String.format("round-%03d", round));
        for (Query<PlanarImage> q : queries) {
            TerminalImage.writePng(q.input(), roundDir.resolve(q.id() + ".png"), 8);
        }
        Deque<Integer> answered = new ArrayDeque<>();
        int i = 0;
        while (i < queries.size()) {
            Query<PlanarImage> q = queries.get(i);
            show(q, i, queries.size(), guesses, roundDir);
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
                if (cmd.equals("q")) {
                    out.println("Quitting. Every answer given so far is saved; run the same command to continue.");
                    return;
                }
                if (cmd.equals("?")) {
                    help();
                    continue;
                }
                if (cmd.equals("s")) {
                    answers.accept(Answer.<Integer>skip(q.id(), "skipped at the console").withAnnotator(annotator)
                            .withSeconds(seconds));
                    out.println("Skipped; it will not be asked again.");
                    answered.push(i);
                    i++;
                    break;
                }
                if (cmd.equals("u")) {
                    if (answered.isEmpty()) {
                        out.println("Nothing to undo in this round yet.");
                        continue;
                    }
                    int previous = answered.pop();
                    answers.retract(queries.get(previous).id());
                    out.println("Undone: image " + (previous + 1) + " will be asked again.");
                    i = previous;
                    break;
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
            return new Resolution(-1, "'" + text + "' is not a class number, class name or command; type ? for help.");
        }
        List<String> names = matches.stream().map(classNames::get).toList();
        return new Resolution(-1, "'" + text + "' matches " + String.join(", ", names) + "; type more letters.");
    }

    private void show(Query<PlanarImage> q, int index, int count, Probabilities guesses, Path roundDir) {
        out.println();
        String stage = round == 0 ? "Initial set" : "Round " + round + (totalRounds > 0 ? " of " + totalRounds : "");
        out.println("── " + stage + " · image " + (index + 1) + " of " + count + " · id " + q.id() + " ──");
        if (color) {
            out.print(TerminalImage.render(q.input(), fitScale(q.input().width(), q.input().height(), columns, lines)));
        } else {
            out.println("Image: " + roundDir.resolve(q.id() + ".png").toAbsolutePath());
        }
        if (guesses != null) {
            out.println("Model's guesses: " + topThree(guesses, index));
        }
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

    private String topThree(Probabilities p, int row) {
        Integer[] order = new Integer[p.classes()];
        for (int c = 0; c < order.length; c++) {
            order[c] = c;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(p.get(row, b), p.get(row, a)));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(3, order.length); k++) {
            if (k > 0) {
                sb.append(" · ");
            }
            sb.append(classNames.get(order[k])).append(String.format(Locale.ROOT, " %.1f%%", 100 * p.get(row, order[k])));
        }
        return sb.toString();
    }

    private void help() {
        out.println("Type the class number (0-" + (classNames.size() - 1) + ") or the start of its name, e.g. '"
                + classNames.get(0).substring(0, Math.min(3, classNames.get(0).length())) + "'.");
        out.println("  s  skip this image (it is not asked again)");
        out.println("  u  undo your previous answer in this round and label that image again");
        out.println("  q  quit; every answer is already saved and the same command resumes");
        out.println("  ?  this help");
    }
}
