package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.Answer;
import org.activelearning.core.AnswerSink;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Learner;
import org.activelearning.core.LoopResult;
import org.activelearning.core.Pool;
import org.activelearning.core.Probabilities;
import org.activelearning.core.Query;
import org.activelearning.core.journal.JournalEntry;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleOracleTest {

    @TempDir
    Path dir;

    private final CifarDataset data = SyntheticImages.generate(30, 3);

    /** Takes answers and drops them, for tests that look only at the screen. */
    private static final AnswerSink<Integer> IGNORED = new AnswerSink<>() {
        @Override
        public void accept(Answer<Integer> answer) {}

        @Override
        public void retract(long id) {}
    };

    /** Predicts class 7 ("ring") at 60%, 2 at 30%, 4 at 10% for every image, without training. */
    static final class FixedImageLearner implements Learner<PlanarImage, Integer> {
        @Override
        public List<Integer> classes() {
            return IntStream.range(0, 10).boxed().toList();
        }

        @Override
        public void fit(List<LabeledExample<PlanarImage, Integer>> labeled) {}

        @Override
        public Probabilities predictProbabilities(List<PlanarImage> inputs) {
            float[] v = new float[inputs.size() * 10];
            for (int i = 0; i < inputs.size(); i++) {
                v[i * 10 + 7] = 0.6f;
                v[i * 10 + 2] = 0.3f;
                v[i * 10 + 4] = 0.1f;
            }
            return Probabilities.wrap(inputs.size(), 10, v);
        }
    }

    private record Session(LoopResult result, String output, JournalState<Integer> journal) {}

    private Session label(String script, boolean color, int rounds) throws Exception {
        return label(new BufferedReader(new StringReader(script)), color, rounds, true);
    }

    private Session label(BufferedReader script, boolean color, int rounds, boolean guesses) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        FixedImageLearner learner = new FixedImageLearner();
        ConsoleOracle oracle = new ConsoleOracle(script, out, data.classes(),
                guesses ? learner::predictProbabilities : images -> null, color, dir.resolve("queries"), "tester",
                rounds).withTerminalSize(80, 24).withLogFile(dir.resolve("run.log"));
        LoopResult result;
        try (LabelJournal<Integer> journal = LabelJournal.open(dir.resolve("journal.jsonl"), LabelCodec.integers())) {
            result = ActiveLearningLoop.<PlanarImage, Integer>builder()
                    .setPool(Pool.range(0, data.size(), id -> data.image((int) id)))
                    .setLearner(learner).setOracle(oracle).setStrategy(QueryStrategies.leastConfidence())
                    .optInitialSelection(InitialSelection.ids(5, 6, 7, 8)).optQuerySize(2)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(rounds)).optJournal(journal).addListener(oracle)
                    .build().run();
        }
        return new Session(result, buf.toString(StandardCharsets.UTF_8),
                LabelJournal.read(dir.resolve("journal.jsonl"), LabelCodec.integers()));
    }

    @Test
    void scriptedAnswersWithTyposPrefixesSkipUndoAndEndOfInput() throws Exception {
        Session s = label(String.join("\n", "xyz", "re", "RI", "3", "q", ":x", ":u", "4", "", ":s", "42") + "\n", false,
                0);
        assertThat(s.result().reason()).isEqualTo(LoopResult.StopReason.ORACLE_STOPPED);
        assertThat(s.journal().labels()).containsExactly(java.util.Map.entry(5L, 7), java.util.Map.entry(6L, 4));
        assertThat(s.journal().skipped()).containsOnlyKeys(7L);
        assertThat(s.journal().pendingIds()).containsExactly(8L);
        List<JournalEntry<Integer>> entries = s.journal().entries();
        assertThat(entries).extracting(JournalEntry::type).containsExactly(JournalEntry.Type.QUERY,
                JournalEntry.Type.LABEL, JournalEntry.Type.LABEL, JournalEntry.Type.UNDO, JournalEntry.Type.LABEL,
                JournalEntry.Type.SKIP);
        assertThat(entries.get(2).label()).isEqualTo(3);
        assertThat(entries.get(1).annotator()).isEqualTo("tester");
        assertThat(entries.get(1).seconds()).isGreaterThanOrEqualTo(0);
        String out = s.output();
        assertThat(out).contains("'xyz' is not a class number or class name. Type ? for help.")
                .contains("'q' is not a class number or class name. Commands start with a colon: :q.")
                .contains("':x' is not a command; commands are :s (skip), :u (undo), :q (quit) and :? (help).")
                .contains("'re' matches red disk, red square; type more letters")
                .contains("Labeled 7 ring.")
                .contains("Undone: image 2 will be asked again.")
                .contains("Skipped")
                .contains("There is no class 42; class numbers go from 0 to 9.")
                .contains("End of input: stopping")
                .contains("Initial set · image 1 of 4 · id 5")
                .contains("Model's guesses: ring 60.0% · red square 30.0% · horizontal bar 10.0%")
                .contains("0 red disk  1 blue disk")
                .contains("Image: " + dir.resolve("queries").resolve("round-000").resolve("5.png").toAbsolutePath());
        assertThat(out).doesNotContain("\u001b[");
        for (long id : new long[] {5, 6, 7, 8}) {
            assertThat(dir.resolve("queries/round-000/" + id + ".png")).isNotEmptyFile();
        }
    }

    @Test
    void helpThenQuitKeepsEverythingAndTheNextSessionAsksOnlyWhatIsLeft() throws Exception {
        Session first = label("?\n1\n:q\n", true, 1);
        assertThat(first.output()).contains(":u  undo your previous answer").contains("Quitting.")
                .contains("or the start of its name, e.g. 'red d' for red disk.")
                .contains("\u001b[38;2;");
        assertThat(first.journal().labels()).containsOnlyKeys(5L);

        Session second = label("2\n2\n2\n2\n2\n", false, 1);
        assertThat(second.output()).doesNotContain("id 5 ──").contains("id 6 ──").contains("id 8 ──")
                .contains("Round 1 of 1 · image 1 of 2");
        assertThat(second.result().reason()).isEqualTo(LoopResult.StopReason.CRITERION_MET);
        assertThat(second.journal().labels()).hasSize(6).containsEntry(5L, 1).containsEntry(6L, 2);
    }

    @Test
    void aLabelingScreenFitsAnEightyByTwentyFourTerminal() throws Exception {
        assertThat(ConsoleOracle.fitScale(32, 32, 80, 24)).isEqualTo(1);
        assertThat(ConsoleOracle.fitScale(32, 32, 200, 60)).isEqualTo(3);
        assertThat(ConsoleOracle.fitScale(96, 96, 80, 24)).isEqualTo(1);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        List<String> longNames = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                "ship", "truck with a very long name");
        FixedImageLearner learner = new FixedImageLearner();
        ConsoleOracle oracle = new ConsoleOracle(new BufferedReader(new StringReader("0\n")), out, longNames,
                learner::predictProbabilities, true, dir.resolve("q"), "tester", 1).withTerminalSize(80, 24);
        oracle.label(List.of(new Query<>(5L, data.image(5), Double.NaN)), IGNORED);
        List<String> screen = List.of(buf.toString(StandardCharsets.UTF_8).split("\n"));
        long imageLines = screen.stream().filter(l -> l.contains("\u2580")).count();
        assertThat(imageLines).isEqualTo(16);
        // everything up to the prompt, the prompt and the answer's feedback fit 24 lines of 80 columns
        assertThat(screen.size()).isLessThanOrEqualTo(24);
        for (String l : screen) {
            String visible = l.replaceAll("\u001b\\[[0-9;]*m", "");
            assertThat(visible.length()).as(visible).isLessThanOrEqualTo(80);
        }
        assertThat(screen).anyMatch(l -> l.contains("9 truck with a very long name"));
        assertThatThrownBy(() -> oracle.withTerminalSize(10, 5)).hasMessageContaining("too small");
    }

    @Test
    void undoAtTheStartOfABatchSaysThereIsNothingToUndo() throws Exception {
        Session s = label(":u\n0\n", false, 0);
        assertThat(s.output()).contains("Nothing to undo in this batch: answers of earlier rounds cannot be undone");
        assertThat(s.journal().labels()).containsOnlyKeys(5L);
    }

    @Test
    void terminalImageHasOneHalfBlockPerPixelColumn() throws Exception {
        PlanarImage img = data.image(0);
        String art = TerminalImage.render(img, 2);
        assertThat(art.lines()).hasSize(32);
        assertThat(art.lines().findFirst().orElseThrow().chars().filter(c -> c == '\u2580').count()).isEqualTo(64);
        TerminalImage.writePng(img, dir.resolve("x.png"), 4);
        assertThat(javax.imageio.ImageIO.read(dir.resolve("x.png").toFile()).getWidth()).isEqualTo(128);
        assertThat(Files.size(dir.resolve("x.png"))).isPositive();
    }

    @Test
    void aResumedBatchKeepsItsNumberingAndTheGuessesOfTheModelThatChoseIt() throws Exception {
        Session first = label("1\n:q\n", false, 0);
        assertThat(first.output()).contains("image 1 of 4 · id 5");
        assertThat(dir.resolve("queries/round-000/batch.json")).isNotEmptyFile();
        // the resumed process has no trained model yet: its guesser returns null
        Session second = label(new BufferedReader(new StringReader("2\n:q\n")), false, 0, false);
        assertThat(second.output()).contains("Initial set · image 2 of 4 · id 6")
                .contains("Model's guesses: ring 60.0% · red square 30.0% · horizontal bar 10.0%")
                .doesNotContain("image 1 of 3");
    }

    @Test
    void aClassNameStartingWithACommandLetterIsTakenAsTheClass() throws Exception {
        List<String> names = List.of("ship", "quail", "umbrella");
        List<Long> labeled = new java.util.ArrayList<>();
        List<Long> skipped = new java.util.ArrayList<>();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleOracle oracle = new ConsoleOracle(new BufferedReader(new StringReader("s\nq\nu\n:s\n")),
                new PrintStream(buf, true, StandardCharsets.UTF_8), names, null, false, dir.resolve("q"), "tester", 1);
        List<Integer> labels = new java.util.ArrayList<>();
        oracle.label(IntStream.range(0, 4).mapToObj(i -> new Query<>((long) i, data.image(i), Double.NaN)).toList(),
                new AnswerSink<>() {
                    @Override
                    public void accept(Answer<Integer> answer) {
                        (answer.isSkip() ? skipped : labeled).add(answer.id());
                        if (!answer.isSkip()) {
                            labels.add(answer.label());
                        }
                    }

                    @Override
                    public void retract(long id) {
                        throw new AssertionError("nothing was undone");
                    }
                });
        assertThat(labels).containsExactly(0, 1, 2);
        assertThat(skipped).containsExactly(3L);
        assertThat(ConsoleOracle.prefixExample(names)).contains("'s' for ship");
        assertThat(ConsoleOracle.prefixExample(List.of("cat", "cats"))).isEmpty();
        assertThat(ConsoleOracle.prefixExample(List.of("cat", "cow"))).contains("'ca' for cat");
    }

    @Test
    void logLinesWrittenWhileAPersonLabelsGoToTheLogFileNotTheScreen() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            // another part of the program logs while the person is typing
            BufferedReader typing = new BufferedReader(new StringReader("0\n:q\n")) {
                @Override
                public String readLine() throws java.io.IOException {
                    org.slf4j.LoggerFactory.getLogger("background").warn("a log line from elsewhere");
                    return super.readLine();
                }
            };
            label(typing, false, 0, true);
        } finally {
            System.setErr(realErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("a log line from elsewhere");
        assertThat(Files.readString(dir.resolve("run.log"))).contains("a log line from elsewhere");
    }

    @Test
    void aDumbOrUnknownTerminalGetsPngPathsNotColour() {
        assertThat(TerminalSize.colorCapable(java.util.Map.of("TERM", "xterm-256color"))).isTrue();
        assertThat(TerminalSize.colorCapable(java.util.Map.of("TERM", "dumb"))).isFalse();
        assertThat(TerminalSize.colorCapable(java.util.Map.of())).isFalse();
        assertThat(TerminalSize.colorCapable(java.util.Map.of("TERM", "xterm", "NO_COLOR", "1"))).isFalse();
    }

    @Test
    void ownImagesAreShownWithTheirPathAtTheirRealAspect() throws Exception {
        Path file = dir.resolve("photos/a/wide.png");
        OwnImagesTest.photo(file, 0, 40, 20, 1);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConsoleOracle oracle = new ConsoleOracle(new BufferedReader(new StringReader("0\n")),
                new PrintStream(buf, true, StandardCharsets.UTF_8), List.of("red", "green", "blue"), null, true,
                dir.resolve("q"), "tester", 1).withTerminalSize(80, 24)
                .withImageFiles(id -> file, id -> "a/wide.png");
        oracle.label(List.of(new Query<>(5L, data.image(5), Double.NaN)), IGNORED);
        List<String> screen = List.of(buf.toString(StandardCharsets.UTF_8).split("\n"));
        assertThat(screen).contains("File: a/wide.png");
        List<String> image = screen.stream().filter(l -> l.contains("\u2580")).toList();
        // 40x20 scaled into 80 columns x 32 pixel rows: 64x32, so 16 lines of 64 cells (2:1, as the file)
        assertThat(image).hasSize(16);
        assertThat(image.get(0).chars().filter(c -> c == '\u2580').count()).isEqualTo(64);
        assertThat(screen.size()).isLessThanOrEqualTo(24);
    }
}
