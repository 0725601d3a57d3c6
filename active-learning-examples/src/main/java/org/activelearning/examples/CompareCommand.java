package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.ClassificationEvaluator;
import org.activelearning.core.Learner;
import org.activelearning.core.LoopListener;
import org.activelearning.core.LoopState;
import org.activelearning.core.Query;
import org.activelearning.core.Metrics;
import org.activelearning.core.Pool;
import org.activelearning.core.RoundSummary;
import org.activelearning.core.journal.JournalLockedException;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.ResNet18;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures how many labels strategies save against random sampling: every strategy runs over
 * several seeds with the simulated oracle, the same initial labeled set per seed and the same
 * training settings; the command reports mean and spread of test accuracy per round, the
 * normalized area under the learning curve and the labeling efficiency against random
 * ({@link ComparisonReport}). It prints a line per finished round with an estimate of the time
 * left; a finished run is reused only when every setting that shapes its curve matches ({@link
 * RunSettings}), and an interrupted one resumes from its journal.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare query strategies on label efficiency with the simulated oracle.",
            "Finished runs (strategy x seed) are kept in --out and not recomputed when the command is run again.",
            "Several compare processes may share one --out: each takes the runs no other process holds."
        })
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--strategies", split = ",",
            defaultValue = "least-confidence,margin,entropy,bald,coreset,badge,random",
            description = "Strategies to compare; random is the baseline and is always included. Default: ${DEFAULT-VALUE}")
    List<String> strategies;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per strategy. Default: ${DEFAULT-VALUE}")
    int seeds;

    @CommandLine.Mixin
    DataOptions dataOptions;

    @Option(names = "--initial", defaultValue = "200", description = "Initial random labels. Default: ${DEFAULT-VALUE}")
    int initial;

    @Option(names = {"-k", "--query-size"}, defaultValue = "200", description = "Queries per round. Default: ${DEFAULT-VALUE}")
    int querySize;

    @Option(names = {"-n", "--rounds"}, defaultValue = "5", description = "Query rounds. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--stem", defaultValue = "IMAGENET", description = "CIFAR or IMAGENET. Default: ${DEFAULT-VALUE}")
    ResNet18.Stem stem;

    @CommandLine.Mixin
    RecipeOptions recipe = new RecipeOptions();

    @CommandLine.Mixin
    SelectionOptions selection = new SelectionOptions();

    @Option(names = "--pool-limit", defaultValue = "5000", description = "First N training images (0 = all). Default: ${DEFAULT-VALUE}")
    int poolLimit;

    @Option(names = "--test-limit", defaultValue = "2000", description = "First N test images (0 = all). Default: ${DEFAULT-VALUE}")
    int testLimit;

    @CommandLine.Mixin
    DeviceOption device;

    @Option(names = "--noise", defaultValue = "0", description = "Simulated label noise. Default: ${DEFAULT-VALUE}")
    double noise;

    @Option(names = "--out", defaultValue = "comparisons/default", description = "Output directory. Default: ${DEFAULT-VALUE}")
    Path outDir;

    @Option(names = "--report-only",
            description = "Compute nothing: report the runs finished so far (strategies with no finished run are left out).")
    boolean reportOnly;

    private final PrintStream out;
    private Eta eta;

    /**
     * Creates the command.
     *
     * @param out where the table and notes go
     */
    public CompareCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String s : strategies) {
            try {
                String name = QueryStrategies.byName(s).toString();
                if (!names.contains(name)) {
                    names.add(name);
                }
            } catch (IllegalArgumentException e) {
                problems.add("--strategies: " + e.getMessage());
            }
        }
        if (!names.contains("random")) {
            names.add("random");
        }
        if (seeds < 1) {
            problems.add("--seeds must be >= 1, got " + seeds);
        }
        if (initial < 1 || querySize < 1 || rounds < 1) {
            problems.add("--initial, --query-size and --rounds must be >= 1, got " + initial + ", " + querySize + ", "
                    + rounds);
        }
        recipe.validate(problems);
        names.forEach(name -> recipe.validateFor(name, problems));
        selection.validate(problems);
        device.validate(problems);
        if (poolLimit < 0 || testLimit < 0) {
            problems.add("--pool-limit and --test-limit must be >= 0, got " + poolLimit + " and " + testLimit);
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        }
        ExampleData loaded = dataOptions.load(1234, out);
        if (poolLimit > loaded.train().size() || testLimit > loaded.test().size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pool-limit " + poolLimit + " / --test-limit "
                    + testLimit + " exceed the data: " + loaded.train().size() + " training and " + loaded.test().size()
                    + " test images in " + loaded.description());
        }
        CifarDataset train = poolLimit > 0 ? loaded.train().limit(poolLimit) : loaded.train();
        CifarDataset test = testLimit > 0 ? loaded.test().limit(testLimit) : loaded.test();
        if (initial + (long) querySize * rounds > train.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--initial " + initial + " + --rounds " + rounds
                    + " x --query-size " + querySize + " needs more than the pool of " + train.size() + " images");
        }
        out.printf("Comparing %s over %d seed(s) on %s: pool %d, test %d, initial %d (%s), k=%d, %d rounds.%n",
                String.join(", ", names), seeds, loaded.description(), train.size(), test.size(), initial,
                selection.initialSelection, querySize, rounds);
        Map<String, String> settings = settings(loaded.description(), train.size(), test.size());
        eta = new Eta(seeds * names.size() * (rounds + 1));
        Map<String, List<ComparisonReport.Curve>> curves = new LinkedHashMap<>();
        for (String name : names) {
            curves.put(name, new ArrayList<>());
        }
        if (reportOnly) {
            return reportFinished(names, settings, loaded.description(), curves);
        }
        List<Object[]> elsewhere = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            for (String name : names) {
                ComparisonReport.Curve c = runOnce(name, seed, train, test, settings);
                if (c == null) {
                    out.printf("  %-16s seed %d: being computed by another process; its result is read when it ends%n",
                            name, seed);
                    elsewhere.add(new Object[] {name, seed});
                } else {
                    curves.get(name).add(c);
                }
            }
        }
        // runs another process holds: wait for their curves, or take them over if that process stops
        while (!elsewhere.isEmpty()) {
            for (java.util.Iterator<Object[]> it = elsewhere.iterator(); it.hasNext(); ) {
                Object[] run = it.next();
                ComparisonReport.Curve c = runOnce((String) run[0], (int) run[1], train, test, settings);
                if (c != null) {
                    curves.get((String) run[0]).add(c);
                    it.remove();
                }
            }
            if (!elsewhere.isEmpty()) {
                Thread.sleep(WAIT_MILLIS);
            }
        }
        ComparisonReport.write(out, outDir, loaded.description(), seeds, curves);
        return 0;
    }

    /** The report of the runs finished so far, without computing any. */
    private int reportFinished(List<String> names, Map<String, String> settings, String description,
            Map<String, List<ComparisonReport.Curve>> curves) throws IOException {
        for (String name : names) {
            for (int seed = 1; seed <= seeds; seed++) {
                Path dir = outDir.resolve("runs").resolve(name + "-seed" + seed);
                if (Files.exists(dir.resolve("curve.csv"))) {
                    RunSettings.checkOrWrite(dir, settings);
                    curves.get(name).add(readCurve(dir.resolve("curve.csv"), seed));
                }
            }
        }
        curves.values().removeIf(List::isEmpty);
        if (!curves.containsKey("random")) {
            throw new IllegalStateException("No random-sampling run has finished in " + outDir.resolve("runs")
                    + "; the report compares every strategy with random sampling, so run the comparison first");
        }
        out.printf("Report of the finished runs only: %s.%n", curves.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size() + "/" + seeds).collect(java.util.stream.Collectors.joining(", ")));
        ComparisonReport.write(out, outDir, description, seeds, curves);
        return 0;
    }

    /** Every setting that changes a run's curve, as stored with each run. */
    private Map<String, String> settings(String dataDescription, int pool, int testSize) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", dataDescription);
        m.put("pool", String.valueOf(pool));
        m.put("test", String.valueOf(testSize));
        m.put("initial", String.valueOf(initial));
        m.put("initial-selection", selection.initialSelection);
        m.put("candidates", String.valueOf(selection.candidates));
        m.put("query-size", String.valueOf(querySize));
        m.put("rounds", String.valueOf(rounds));
        m.put("stem", stem.name());
        m.put("noise", String.valueOf(noise));
        m.putAll(recipe.settings());
        return m;
    }

    /** How often a comparison checks on runs that another process computes. */
    static long WAIT_MILLIS = 20_000;

    /**
     * Runs (or resumes, or reads back) one strategy and seed; null when another process holds the
     * run's journal (several compare processes may share one --out, each taking the free runs).
     */
    private ComparisonReport.Curve runOnce(String name, int seed, CifarDataset train, CifarDataset test,
            Map<String, String> settings) throws Exception {
        Path dir = outDir.resolve("runs").resolve(name + "-seed" + seed);
        Path done = dir.resolve("curve.csv");
        RunSettings.checkOrWrite(dir, settings);
        if (Files.exists(done)) {
            out.printf("  %-16s seed %d: finished earlier, reusing %s%n", name, seed, done);
            ComparisonReport.Curve c = readCurve(done, seed);
            eta.skipped(rounds + 1);
            return c;
        }
        long t0 = System.nanoTime();
        LabelJournal<Integer> journal;
        try {
            journal = LabelJournal.open(dir.resolve("journal.jsonl"), LabelCodec.integers());
        } catch (JournalLockedException e) {
            return null;
        }
        if (Files.exists(done)) {
            // another process finished it between the check above and the lock
            journal.close();
            eta.skipped(rounds + 1);
            return readCurve(done, seed);
        }
        CurveRecorder recorder = new CurveRecorder(name, seed, dir.resolve("rounds.csv"));
        try (journal; ResNetLearner learner = recipe.configure(ResNetLearner.builder().setClassNames(train.classes())
                        .optStem(stem).optDevice(device.device).optSeed(seed)).build()) {
            int before = journal.initialState().labels().size();
            if (before > 0) {
                out.printf("  %-16s seed %d: resuming with %d labels from %s%n", name, seed, before, dir);
            }
            ActiveLearningLoop.<PlanarImage, Integer>builder()
                    .setPool(Pool.range(0, train.size(), id -> train.image((int) id)))
                    .setLearner(learner)
                    .setStrategy(selection.strategy(name))
                    .setOracle(new SimulatedOracle<>(id -> train.label((int) id), train.classes().size(), noise, seed))
                    .optInitialSelection(selection.initial(initial))
                    .optQuerySize(querySize)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(rounds))
                    .optEvaluator(ExampleData.evaluator(test, 256))
                    .optJournal(journal)
                    .optSeed(seed)
                    .addListener(recorder)
                    .build()
                    .run();
        }
        Path tmp = dir.resolve("curve.csv.tmp");
        Files.writeString(tmp, recorder.csv(), StandardCharsets.UTF_8);
        Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        ComparisonReport.Curve curve = readCurve(done, seed);
        out.printf(Locale.ROOT, "  %-16s seed %d: final accuracy %.4f with %d labels (%.0f s)%n", name, seed,
                curve.accuracy()[curve.accuracy().length - 1], (int) curve.labels()[curve.labels().length - 1],
                (System.nanoTime() - t0) / 1e9);
        return curve;
    }

    static ComparisonReport.Curve readCurve(Path file, int seed) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        double[][] c = new double[7][lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            for (int j = 0; j < 7; j++) {
                c[j][i - 1] = j < f.length ? Double.parseDouble(f[j]) : Double.NaN;
            }
        }
        return new ComparisonReport.Curve(seed, c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }

    /**
     * Prints a line per finished round with an estimate of the time left, and keeps the curve. Each
     * row is appended to {@code rounds.csv} as its round ends, because a resumed run only re-runs the
     * rounds after the interruption: the earlier points come from that file.
     */
    private final class CurveRecorder implements LoopListener<PlanarImage, Integer> {
        private final String name;
        private final int seed;
        private final Path file;
        private final TreeMap<Integer, String> rows = new TreeMap<>();
        private long roundStart = System.nanoTime();
        private int trainedRound = -1;
        private int trainedOn;
        private double trainSeconds;
        private Metrics metrics = Metrics.EMPTY;

        CurveRecorder(String name, int seed, Path file) throws IOException {
            this.name = name;
            this.seed = seed;
            this.file = file;
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] f = line.split(",", 2);
                    // a torn last line (killed mid-write) has fewer fields and is ignored; its round re-runs
                    if (f.length == 2 && f[0].matches("\\d+") && line.split(",").length == 7) {
                        rows.put(Integer.parseInt(f[0]), line);
                    }
                }
            }
        }

        @Override
        public void onRoundStart(int round, LoopState state) {
            roundStart = System.nanoTime();
        }

        @Override
        public void onTrained(int round, int labeledCount, double seconds) {
            trainedRound = round;
            trainedOn = labeledCount;
            trainSeconds = seconds;
            metrics = Metrics.EMPTY;
        }

        @Override
        public void onEvaluated(int round, Metrics m) {
            metrics = m;
        }

        @Override
        public void onQueried(int round, List<Query<PlanarImage>> queries, double seconds) {
            if (round > 0 && round == trainedRound) {
                // on disk before the oracle answers: a run killed mid-batch resumes that batch without
                // retraining, so this round's model is recorded now or never
                record(round);
            }
        }

        @Override
        public void onRoundEnd(RoundSummary s) {
            if (s.resumed()) {
                return; // its model was trained and recorded by the interrupted process
            }
            if (s.last()) {
                record(s.round());
            }
            eta.roundDone();
            out.printf(Locale.ROOT, "  %-16s seed %d round %d: %5d labels, test %.4f, train %.4f (%.0f steps), %.0f s;"
                    + " %s%n", name, seed, s.round(), trainedOn, accuracy(), metrics.get(Learner.TRAIN_ACCURACY)
                    .orElse(Double.NaN), metrics.get(Learner.TRAIN_STEPS).orElse(Double.NaN),
                    (System.nanoTime() - roundStart) / 1e9, eta.describe());
        }

        private double accuracy() {
            return metrics.get(ClassificationEvaluator.ACCURACY).orElse(Double.NaN);
        }

        private void record(int round) {
            double seconds = (System.nanoTime() - roundStart) / 1e9;
            // a resumed run re-trains its interrupted round: the last result for a label count wins
            String row = trainedOn + "," + ComparisonReport.fmt(accuracy()) + ","
                    + ComparisonReport.fmt(metrics.get(Learner.TRAIN_ACCURACY).orElse(Double.NaN)) + ","
                    + ComparisonReport.fmt(metrics.get(Learner.TRAIN_LOSS).orElse(Double.NaN)) + ","
                    + ComparisonReport.fmt(metrics.get(Learner.TRAIN_STEPS).orElse(Double.NaN)) + ","
                    + ComparisonReport.fmt(trainSeconds) + "," + ComparisonReport.fmt(seconds);
            rows.put(trainedOn, row);
            try {
                Files.writeString(file, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not record round " + round + " in " + file + ": "
                        + Errors.reason(e), e);
            }
        }

        String csv() {
            StringBuilder sb = new StringBuilder(CURVE_HEADER).append('\n');
            rows.values().forEach(r -> sb.append(r).append('\n'));
            return sb.toString();
        }
    }

    /** The header of a run's {@code curve.csv}. */
    static final String CURVE_HEADER = "labels,accuracy,train_accuracy,train_loss,train_steps,train_s,round_s";
}
