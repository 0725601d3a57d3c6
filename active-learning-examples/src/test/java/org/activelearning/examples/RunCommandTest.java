package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import java.util.regex.Pattern;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {

    private static final Pattern HEADER = Pattern.compile("── .* · id (\\d+) ──");

    @TempDir
    Path dir;

    private Path data;

    @BeforeEach
    void generateData() throws Exception {
        data = dir.resolve("data");
        SyntheticImages.writeCifarDirectory(data, 60, 20, 1);
    }

    private String[] quick(Path session, String oracle) {
        return new String[] {"run", "--data", data.toString(), "--oracle", oracle, "--stem", "imagenet", "--epochs", "1",
            "--min-steps", "0", "--target-train-accuracy", "0", "--batch-size", "8", "--initial", "6", "-k", "4", "--rounds", "2", "--session", session.toString(),
            "--device", "cpu", "--no-color"};
    }

    @Test
    void simulatedRunRecordsAccuracyEveryRoundAndResumesIdempotently() throws Exception {
        Path session = dir.resolve("s");
        CliTestSupport.Result r = CliTestSupport.run("", quick(session, "simulated"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Data: data from " + data).contains("pool 60 images, test 20 images, 10 classes")
                .contains("round labels accuracy train acc steps").contains("Done: stopping criterion maxRounds(2) met");
        // the round table fits an 80-column terminal
        assertThat(r.out().lines().filter(l -> l.startsWith("round ") || l.matches("\\s+\\d+\\*? .*")))
                .isNotEmpty().allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        List<String> csv = Files.readAllLines(session.resolve("metrics.csv"));
        assertThat(csv.get(0)).startsWith("round,labels,accuracy,accuracy/red disk,")
                .contains(",train_loss,train_accuracy,train_steps,train_s,").endsWith(",final");
        assertThat(csv).hasSize(1 + 3);
        int[] labels = {6, 10, 14};
        for (int i = 1; i <= 3; i++) {
            String[] f = csv.get(i).split(",");
            assertThat(Integer.parseInt(f[0])).isEqualTo(i);
            assertThat(Integer.parseInt(f[1])).isEqualTo(labels[i - 1]);
            assertThat(Double.parseDouble(f[2])).isBetween(0.0, 1.0);
            // 1 epoch in batches of 8, no step floor: 1 step for 6 labels, 2 for 10 and 14
            List<String> header = List.of(csv.get(0).split(","));
            assertThat(Double.parseDouble(f[header.indexOf("train_steps")])).as("train_steps")
                    .isEqualTo(i == 1 ? 1.0 : 2.0);
            assertThat(Double.parseDouble(f[header.indexOf("train_accuracy")])).as("train_accuracy").isBetween(0.0, 1.0);
            assertThat(f[header.indexOf("pool_confidence")]).as("a run with a test set").isEqualTo("NaN");
        }
        assertThat(csv.get(3)).endsWith(",true");
        List<String> jsonl = Files.readAllLines(session.resolve("metrics.jsonl"));
        assertThat(jsonl).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"accuracy\":0.").contains("\"per_class\":{"));
        assertThat(session.resolve("learning-curve.png")).isNotEmptyFile();
        assertThat(session.resolve("checkpoints/round-003.ckpt")).isNotEmptyFile();
        assertThat(session.resolve("checkpoints/round-001.ckpt")).doesNotExist();
        JournalState<Integer> journal = LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers());
        assertThat(journal.labels()).hasSize(14);

        // re-running a finished session does nothing and says how to continue it
        List<String> finishedCsv = Files.readAllLines(session.resolve("metrics.csv"));
        CliTestSupport.Result again = CliTestSupport.run("", quick(session, "simulated"));
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("is finished: 2 query rounds").contains("with 14 labels")
                .contains("run with --rounds 3 or more to continue it");
        assertThat(Files.readAllLines(session.resolve("metrics.csv"))).isEqualTo(finishedCsv);

        // continuing with more rounds: one row per round (round 3 is now a query round), files a killed
        // process left behind (an older round's checkpoint, a torn temporary file) are cleaned up
        Files.write(session.resolve("checkpoints/round-001.ckpt"), new byte[] {1});
        Files.write(session.resolve("checkpoints/round-003.ckpt123456.tmp"), new byte[] {1});
        CliTestSupport.Result more = CliTestSupport.run("", CliTestSupport.concat(quick(session, "simulated"),
                "--rounds", "3"));
        assertThat(more.exit()).as(more.err()).isZero();
        assertThat(more.out()).contains("Resuming session").contains("14 labels");
        List<String> continued = Files.readAllLines(session.resolve("metrics.csv"));
        assertThat(continued).hasSize(1 + 4);
        assertThat(continued.subList(1, 5)).extracting(l -> l.split(",")[0] + "," + l.split(",")[1])
                .containsExactly("1,6", "2,10", "3,14", "4,18");
        assertThat(continued.get(3)).endsWith(",false");
        assertThat(continued.get(4)).endsWith(",true");
        assertThat(Files.readAllLines(session.resolve("metrics.jsonl"))).hasSize(4);
        try (java.util.stream.Stream<Path> left = Files.list(session.resolve("checkpoints"))) {
            assertThat(left.map(f -> f.getFileName().toString())).containsExactly("round-004.ckpt");
        }
        assertThat(LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers()).labels()).hasSize(18);

        // an emptied journal must not silently start the session over
        byte[] journalBytes = Files.readAllBytes(session.resolve("journal.jsonl"));
        List<String> metricsBefore = Files.readAllLines(session.resolve("metrics.csv"));
        Files.write(session.resolve("journal.jsonl"), new byte[0]);
        CliTestSupport.Result emptied = CliTestSupport.run("", quick(session, "simulated"));
        assertThat(emptied.exit()).isEqualTo(1);
        assertThat(emptied.err()).contains("rounds in metrics.csv, but its journal.jsonl is empty")
                .contains("restore journal.jsonl from a backup");
        assertThat(Files.readAllLines(session.resolve("metrics.csv"))).isEqualTo(metricsBefore);
        assertThat(Files.size(session.resolve("journal.jsonl"))).isZero();
        Files.write(session.resolve("journal.jsonl"), journalBytes);

        CliTestSupport.Result strategyChanged = CliTestSupport.run("", CliTestSupport.concat(quick(session, "simulated"),
                "--strategy", "margin", "-k", "5"));
        assertThat(strategyChanged.exit()).isEqualTo(1);
        assertThat(strategyChanged.err()).contains("strategy was 'least-confidence', now 'margin'")
                .contains("query-size was '4', now '5'");

        CliTestSupport.Result other = CliTestSupport.run("", CliTestSupport.concat(quick(session, "simulated"), "--seed", "9"));
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.err()).contains("belongs to another run").contains("seed was '42', now '9'");
    }

    @Test
    void diversityAndBayesianStrategiesRunEndToEndFromATypicalColdStart() throws Exception {
        for (String strategy : new String[] {"badge", "coreset", "bald"}) {
            Path session = dir.resolve("s-" + strategy);
            CliTestSupport.Result r = CliTestSupport.run("", CliTestSupport.concat(quick(session, "simulated"),
                    "--strategy", strategy, "--initial-selection", "typiclust", "--candidates", "30"));
            assertThat(r.exit()).as(strategy + ": " + r.err()).isZero();
            assertThat(r.out()).contains(strategy).contains("Done: stopping criterion maxRounds(2) met");
            assertThat(LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers()).labels()).hasSize(14);
        }
        CliTestSupport.Result noDropout = CliTestSupport.run("", CliTestSupport.concat(quick(dir.resolve("nd"),
                "simulated"), "--strategy", "bald", "--dropout", "0"));
        assertThat(noDropout.exit()).isEqualTo(2);
        assertThat(noDropout.err()).contains("--strategy bald needs Monte Carlo dropout passes; set --dropout above 0");
        assertThat(dir.resolve("nd")).doesNotExist();
    }

    @Test
    void aFailedStartWritesNoSessionSettings() {
        Path session = dir.resolve("gpu");
        CliTestSupport.Result r = CliTestSupport.run("", CliTestSupport.concat(quick(session, "simulated"), "--device", "gpu"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Device 'gpu' was requested but DJL's PyTorch engine finds no GPU");
        assertThat(session.resolve("session.properties")).doesNotExist();
        // the same directory then starts normally with other settings
        CliTestSupport.Result ok = CliTestSupport.run("", CliTestSupport.concat(quick(session, "simulated"), "--rounds", "0"));
        assertThat(ok.exit()).as(ok.err()).isZero();
    }

    @Test
    void impossibleOptionsAreRejectedBeforeAnyWork() {
        Path session = dir.resolve("never");
        String[] base = quick(session, "simulated");
        String[][] cases = {
            {"-k", "0"}, {"--rounds", "-1"}, {"--strategy", "entropyy"}, {"--noise", "1.5"}, {"--device", "tpu"},
            {"--epochs", "0"}, {"--initial", "0"}, {"--pool-limit", "999"}, {"--test-limit", "21"}, {"--initial", "61"},
            {"--min-steps", "-1"}, {"--augmentation", "rotate"}, {"--dropout", "1"}, {"--initial-selection", "kmeans"},
            {"--candidates", "-5"}, {"--target-train-accuracy", "1.5"}, {"--max-cycles", "0"}
        };
        String[] expected = {
            "--query-size must be >= 1, got 0", "--rounds must be >= 0, got -1", "Unknown query strategy 'entropyy'",
            "--noise must be in [0, 1], got 1.5", "--device must be auto, cpu, gpu or gpu:N, got 'tpu'",
            "--epochs must be >= 1, got 0", "--initial must be >= 1, got 0",
            "--pool-limit 999 is larger than the 60 training images", "--test-limit 21 is larger than the 20 test images",
            "--initial 61 is larger than the pool of 60 images", "--min-steps must be >= 0, got -1",
            "--augmentation must be none, crop or crop-flip, got 'rotate'", "--dropout must be in [0, 1), got 1.0",
            "--initial-selection must be random or typiclust, got 'kmeans'", "--candidates must be >= 0 (0 = all), got -5",
            "--target-train-accuracy must be in [0, 1] (0 = no target), got 1.5", "--max-cycles must be >= 1, got 0"
        };
        for (int i = 0; i < cases.length; i++) {
            CliTestSupport.Result r = CliTestSupport.run("", CliTestSupport.concat(base, cases[i]));
            assertThat(r.exit()).as(String.join(" ", cases[i])).isEqualTo(2);
            assertThat(r.err()).contains(expected[i]);
        }
        CliTestSupport.Result unknown = CliTestSupport.run("", CliTestSupport.concat(base, "--bogus"));
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option: '--bogus'");
        CliTestSupport.Result stem = CliTestSupport.run("", CliTestSupport.concat(base, "--stem", "resnet"));
        assertThat(stem.err()).contains("Invalid value for option '--stem'").contains("CIFAR, IMAGENET");
        assertThat(session).doesNotExist();
    }

    @Test
    void helpListsTheOptions() {
        CliTestSupport.Result r = CliTestSupport.run("", "run", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--query-size").contains("--pool-limit").contains("--oracle").contains("--session");
        assertThat(CliTestSupport.run("", "--help").out()).contains("run").contains("compare").contains("benchmark");
    }

    @Test
    void aConsoleSessionKilledMidRoundResumesWithoutLosingOrReaskingAnswers() throws Exception {
        Path session = dir.resolve("console");
        Process child = CliTestSupport.child(ProcessBuilder.Redirect.DISCARD, quick(session, "console"));
        Set<Long> answered = new LinkedHashSet<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = child.getOutputStream()) {
            String line;
            long current = -1;
            // the next image is shown only after the previous answer is on disk: 9 headers = 8 durable answers,
            // the 6 initial ones and 2 of round 1's 4
            int headers = 0;
            while (headers < 9 && (line = out.readLine()) != null) {
                Matcher m = HEADER.matcher(line);
                if (m.find()) {
                    if (current >= 0) {
                        answered.add(current);
                    }
                    current = Long.parseLong(m.group(1));
                    headers++;
                    if (headers < 9) {
                        in.write("0\n".getBytes(StandardCharsets.UTF_8));
                        in.flush();
                    }
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(answered).hasSize(8);
        JournalState<Integer> killed = LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers());
        assertThat(killed.labels().keySet()).containsAll(answered);
        assertThat(killed.pendingIds()).hasSize(2);

        // round 1's model and its evaluation were recorded before its first question
        List<String> beforeResume = Files.readAllLines(session.resolve("metrics.jsonl"));
        assertThat(beforeResume).hasSize(1);
        RoundRecord round1Before = RoundRecord.fromJson(com.google.gson.JsonParser.parseString(beforeResume.get(0))
                .getAsJsonObject());
        assertThat(round1Before.round()).isEqualTo(1);
        assertThat(round1Before.accuracy()).isBetween(0.0, 1.0);

        CliTestSupport.Result resumed = CliTestSupport.run("1\n".repeat(20), quick(session, "console"));
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        // the interrupted batch comes first, numbered as before, with the guesses of the model that chose it,
        // and round 1 is not trained again: its row keeps the killed process's model and timings
        String firstScreen = resumed.out().substring(resumed.out().indexOf("── Round 1"));
        assertThat(firstScreen).startsWith("── Round 1 of 2 · image 3 of 4 · id " + killed.pendingIds()[0] + " ──");
        assertThat(firstScreen.lines().limit(4)).anyMatch(l -> l.startsWith("Model's guesses: "));
        RoundRecord round1After = RoundRecord.fromJson(com.google.gson.JsonParser.parseString(
                Files.readAllLines(session.resolve("metrics.jsonl")).get(0)).getAsJsonObject());
        assertThat(round1After.accuracy()).isEqualTo(round1Before.accuracy());
        assertThat(round1After.trainSeconds()).isEqualTo(round1Before.trainSeconds());
        assertThat(round1After.labels()).isEqualTo(6);
        try (Stream<Path> ckpts = Files.list(session.resolve("checkpoints"))) {
            assertThat(ckpts.map(p -> p.getFileName().toString())).as("only the latest checkpoint is kept")
                    .containsExactly("round-003.ckpt");
        }
        List<Long> askedAgain = new ArrayList<>();
        Matcher m = HEADER.matcher(resumed.out());
        while (m.find()) {
            askedAgain.add(Long.parseLong(m.group(1)));
        }
        assertThat(askedAgain).hasSize(2 + 4).doesNotContainAnyElementsOf(answered).doesNotHaveDuplicates();
        assertThat(askedAgain.subList(0, 2)).containsExactly(killed.pendingIds()[0], killed.pendingIds()[1]);
        JournalState<Integer> end = LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers());
        assertThat(end.labels()).hasSize(14);
        for (long id : answered) {
            assertThat(end.labels()).containsEntry(id, 0);
        }
        // round 1 was answered by two processes (2 before the kill, 2 after): its one row counts all 4
        List<String> rows = Files.readAllLines(session.resolve("metrics.csv"));
        assertThat(rows).hasSize(1 + 3);
        String[] round1 = rows.get(1).split(",");
        List<String> header = List.of(rows.get(0).split(","));
        assertThat(round1[0]).isEqualTo("1");
        assertThat(round1[header.indexOf("queried")] + "," + round1[header.indexOf("labeled")] + ","
                + round1[header.indexOf("skipped")]).as("queried,labeled,skipped").isEqualTo("4,4,0");
        // round 2's model was trained on the answers of both processes: their seconds are its annotators' time
        String[] round2 = rows.get(2).split(",");
        assertThat(Double.parseDouble(round2[header.indexOf("annotator_s")])).isPositive();
    }

    @Test
    void ctrlCAtThePromptSaysTheAnswersAreSavedAndExits130() throws Exception {
        Path session = dir.resolve("interrupted");
        Process child = CliTestSupport.child(ProcessBuilder.Redirect.DISCARD, quick(session, "console"));
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                OutputStream in = child.getOutputStream()) {
            int headers = 0;
            String line;
            while (headers < 3 && (line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (HEADER.matcher(line).find()) {
                    headers++;
                    if (headers < 3) {
                        in.write("0\n".getBytes(StandardCharsets.UTF_8));
                        in.flush();
                    }
                }
            }
            // the third image is on screen, two answers are on disk: the person presses Ctrl-C
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(child.pid())).start();
            assertThat(kill.waitFor()).isZero();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            out.lines().forEach(l -> seen.append(l).append('\n'));
        }
        assertThat(child.exitValue()).as(seen.toString()).isEqualTo(130);
        assertThat(seen.toString()).contains("Interrupted: every answer given so far is saved; run the same command "
                + "to resume.");
        assertThat(LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers()).labels()).hasSize(2);
    }

    /** Starts the CLI in a child JVM, waits until the session shows a phase, and kills it with SIGKILL. */
    private void killWhen(Path session, String phase, java.util.function.BooleanSupplier reached) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", Main.class.getName()));
        cmd.addAll(List.of(quick(session, "simulated")));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!reached.getAsBoolean() && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(child.isAlive()).as("still running when " + phase + " was reached").isTrue();
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    private static int journalLabels(Path session) {
        try {
            Path j = session.resolve("journal.jsonl");
            return Files.exists(j) ? (int) Files.readAllLines(j).stream().filter(l -> l.startsWith("{\"type\":\"label\""))
                    .count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void killedWhileTrainingOrScoringTheSessionKeepsOneRowPerRoundAndOneCheckpoint() throws Exception {
        Path session = dir.resolve("killed");
        // training round 1: the 6 initial labels are on disk, its checkpoint is not
        killWhen(session, "training", () -> journalLabels(session) >= 6);
        assertThat(session.resolve("checkpoints/round-001.ckpt")).doesNotExist();
        // evaluating and scoring round 1: its checkpoint is written, its batch not yet asked
        killWhen(session, "scoring", () -> Files.exists(session.resolve("checkpoints/round-001.ckpt")));
        // training round 2: round 1's four answers are on disk
        killWhen(session, "training round 2", () -> journalLabels(session) >= 10);

        CliTestSupport.Result done = CliTestSupport.run("", quick(session, "simulated"));
        assertThat(done.exit()).as(done.err()).isZero();
        List<RoundRecord> rows = new ArrayList<>();
        for (String l : Files.readAllLines(session.resolve("metrics.jsonl"))) {
            rows.add(RoundRecord.fromJson(com.google.gson.JsonParser.parseString(l).getAsJsonObject()));
        }
        assertThat(rows).extracting(RoundRecord::round).containsExactly(1, 2, 3);
        assertThat(rows).extracting(RoundRecord::labels).containsExactly(6, 10, 14);
        assertThat(rows.subList(0, 2)).allSatisfy(r -> {
            assertThat(r.queried()).isEqualTo(4);
            assertThat(r.labeled()).isEqualTo(4);
            assertThat(r.accuracy()).isBetween(0.0, 1.0);
        });
        assertThat(rows.get(2).last()).isTrue();
        assertThat(Files.readAllLines(session.resolve("metrics.csv"))).hasSize(1 + 3);
        try (Stream<Path> ckpts = Files.list(session.resolve("checkpoints"))) {
            assertThat(ckpts.map(p -> p.getFileName().toString())).containsExactly("round-003.ckpt");
        }
        assertThat(LabelJournal.read(session.resolve("journal.jsonl"), LabelCodec.integers()).labels()).hasSize(14);
    }
}
