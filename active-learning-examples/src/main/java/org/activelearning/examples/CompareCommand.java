package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.ClassificationEvaluator;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LoopResult;
import org.activelearning.core.Pool;
import org.activelearning.core.RoundSummary;
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
 * normalized area under the learning curve and the labeling efficiency against random.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Compare query strategies on label efficiency with the simulated oracle.",
            "Finished runs (strategy x seed) are kept in --out and not recomputed when the command is run again."
        })
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--strategies", split = ",", defaultValue = "least-confidence,margin,entropy,random",
            description = "Strategies to compare; random is the baseline and is always included. Default: ${DEFAULT-VALUE}")
    List<String> strategies;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds per strategy. Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--data", defaultValue = "auto",
            description = "auto, cifar10, synthetic or a CIFAR-format directory. Default: ${DEFAULT-VALUE}")
    String data;

    @Option(names = "--cifar-dir", defaultValue = "data", description = "Local CIFAR-10 location. Default: ${DEFAULT-VALUE}")
    Path cifarDir;

    @Option(names = "--initial", defaultValue = "200", description = "Initial random labels. Default: ${DEFAULT-VALUE}")
    int initial;

    @Option(names = {"-k", "--query-size"}, defaultValue = "200", description = "Queries per round. Default: ${DEFAULT-VALUE}")
    int querySize;

    @Option(names = {"-n", "--rounds"}, defaultValue = "5", description = "Query rounds. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--stem", defaultValue = "IMAGENET", description = "CIFAR or IMAGENET. Default: ${DEFAULT-VALUE}")
    ResNet18.Stem stem;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs per round. Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Training batch size. Default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.02", description = "Peak learning rate. Default: ${DEFAULT-VALUE}")
    float learningRate;

    @Option(names = "--pool-limit", defaultValue = "5000", description = "First N training images (0 = all). Default: ${DEFAULT-VALUE}")
    int poolLimit;

    @Option(names = "--test-limit", defaultValue = "2000", description = "First N test images (0 = all). Default: ${DEFAULT-VALUE}")
    int testLimit;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N. Default: ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--noise", defaultValue = "0", description = "Simulated label noise. Default: ${DEFAULT-VALUE}")
    double noise;

    @Option(names = "--out", defaultValue = "comparisons/default", description = "Output directory. Default: ${DEFAULT-VALUE}")
    Path outDir;

    private final PrintStream out;

    /**
     * Creates the command.
     *
     * @param out where the table and notes go
     */
    public CompareCommand(PrintStream out) {
        this.out = out;
    }

    /**
     * One strategy's learning curve over the seeds.
     *
     * @param strategy the strategy
     * @param labels labels at each point
     * @param mean mean accuracy at each point
     * @param sd standard deviation at each point (0 with one seed)
     * @param aulc the mean normalized area under the learning curve
     * @param aulcSd its standard deviation over seeds
     */
    record Aggregate(String strategy, double[] labels, double[] mean, double[] sd, double aulc, double aulcSd) {}

    @Override
    public Integer call() throws Exception {
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String s : strategies) {
            try {
                names.add(QueryStrategies.byName(s).toString());
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
        if (initial < 1 || querySize < 1 || rounds < 1 || epochs < 1 || batchSize < 1) {
            problems.add("--initial, --query-size, --rounds, --epochs and --batch-size must be >= 1, got " + initial
                    + ", " + querySize + ", " + rounds + ", " + epochs + ", " + batchSize);
        }
        if (poolLimit < 0 || testLimit < 0) {
            problems.add("--pool-limit and --test-limit must be >= 0, got " + poolLimit + " and " + testLimit);
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("\n", problems));
        }
        ExampleData loaded = ExampleData.load(data, cifarDir, 1234, out);
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
        out.printf("Comparing %s over %d seed(s) on %s: pool %d, test %d, initial %d, k=%d, %d rounds.%n",
                String.join(", ", names), seeds, loaded.description(), train.size(), test.size(), initial, querySize,
                rounds);
        Map<String, List<double[][]>> curves = new LinkedHashMap<>();
        for (int seed = 1; seed <= seeds; seed++) {
            for (String name : names) {
                curves.computeIfAbsent(name, k -> new ArrayList<>()).add(runOnce(name, seed, train, test));
            }
        }
        List<Aggregate> aggregates = new ArrayList<>();
        for (Map.Entry<String, List<double[][]>> e : curves.entrySet()) {
            aggregates.add(aggregate(e.getKey(), e.getValue()));
        }
        report(aggregates, loaded.description());
        return 0;
    }

    /** Runs (or resumes, or reads back) one strategy and seed; returns {labels[], accuracy[]}. */
    private double[][] runOnce(String name, int seed, CifarDataset train, CifarDataset test) throws Exception {
        Path dir = outDir.resolve("runs").resolve(name + "-seed" + seed);
        Path done = dir.resolve("curve.csv");
        if (Files.exists(done)) {
            out.printf("  %-16s seed %d: finished earlier, reusing %s%n", name, seed, done);
            return readCurve(done);
        }
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        try (ResNetLearner learner = ResNetLearner.builder().setClassNames(train.classes()).optStem(stem)
                .optEpochs(epochs).optBatchSize(batchSize).optLearningRate(learningRate).optDevice(device)
                .optSeed(seed).build();
                LabelJournal<Integer> journal = LabelJournal.open(dir.resolve("journal.jsonl"), LabelCodec.integers())) {
            LoopResult r = ActiveLearningLoop.<PlanarImage, Integer>builder()
                    .setPool(Pool.range(0, train.size(), id -> train.image((int) id)))
                    .setLearner(learner)
                    .setStrategy(QueryStrategies.byName(name))
                    .setOracle(new SimulatedOracle<>(id -> train.label((int) id), train.classes().size(), noise, seed))
                    .optInitialSelection(InitialSelection.random(initial))
                    .optQuerySize(querySize)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(rounds))
                    .optEvaluator(ExampleData.evaluator(test, 256))
                    .optJournal(journal)
                    .optSeed(seed)
                    .build()
                    .run();
            // a resumed run re-trains its interrupted round; keep the last result for each label count
            Map<Integer, Double> byLabels = new LinkedHashMap<>();
            for (RoundSummary s : r.history()) {
                byLabels.put(s.labeledCount(), s.metrics().get(ClassificationEvaluator.ACCURACY).orElse(Double.NaN));
            }
            StringBuilder csv = new StringBuilder("labels,accuracy\n");
            byLabels.forEach((k, v) -> csv.append(k).append(',').append(v).append('\n'));
            Path tmp = dir.resolve("curve.csv.tmp");
            Files.writeString(tmp, csv, StandardCharsets.UTF_8);
            Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        }
        double[][] curve = readCurve(done);
        out.printf(Locale.ROOT, "  %-16s seed %d: final accuracy %.4f with %d labels (%.0f s)%n", name, seed,
                curve[1][curve[1].length - 1], (int) curve[0][curve[0].length - 1], (System.nanoTime() - t0) / 1e9);
        return curve;
    }

    private static double[][] readCurve(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        double[][] c = new double[2][lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            c[0][i - 1] = Double.parseDouble(f[0]);
            c[1][i - 1] = Double.parseDouble(f[1]);
        }
        return c;
    }

    static Aggregate aggregate(String name, List<double[][]> runs) {
        int n = runs.stream().mapToInt(r -> r[0].length).min().orElse(0);
        double[] labels = new double[n];
        double[] mean = new double[n];
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = runs.get(0)[0][i];
            double[] v = new double[runs.size()];
            for (int r = 0; r < runs.size(); r++) {
                v[r] = runs.get(r)[1][i];
            }
            mean[i] = mean(v);
            sd[i] = sd(v);
        }
        double[] areas = runs.stream().mapToDouble(r -> aulc(r[0], r[1], n)).toArray();
        return new Aggregate(name, labels, mean, sd, mean(areas), sd(areas));
    }

    /** Area under the accuracy-vs-labels curve (trapezoids), divided by the label range: in [0, 1]. */
    static double aulc(double[] labels, double[] accuracy, int n) {
        if (n < 2) {
            return n == 1 ? accuracy[0] : Double.NaN;
        }
        double area = 0;
        for (int i = 1; i < n; i++) {
            area += (labels[i] - labels[i - 1]) * (accuracy[i] + accuracy[i - 1]) / 2;
        }
        return area / (labels[n - 1] - labels[0]);
    }

    /**
     * Labels random sampling needs to reach its final accuracy, divided by the labels the strategy
     * needs to reach it, interpolating linearly between rounds; NaN if the strategy never does.
     */
    static double efficiency(Aggregate strategy, Aggregate random) {
        double target = random.mean()[random.mean().length - 1];
        double randomLabels = labelsToReach(random, target);
        double needed = labelsToReach(strategy, target);
        return Double.isNaN(needed) ? Double.NaN : randomLabels / needed;
    }

    static double labelsToReach(Aggregate a, double target) {
        double[] x = a.labels();
        double[] y = a.mean();
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= target) {
                if (i == 0) {
                    return x[0];
                }
                return x[i - 1] + (x[i] - x[i - 1]) * (target - y[i - 1]) / (y[i] - y[i - 1]);
            }
        }
        return Double.NaN;
    }

    private void report(List<Aggregate> aggregates, String dataDescription) throws IOException {
        Aggregate random = aggregates.stream().filter(a -> a.strategy().equals("random")).findFirst().orElseThrow();
        StringBuilder csv = new StringBuilder("strategy,round,labels,mean_accuracy,sd_accuracy,seeds\n");
        StringBuilder json = new StringBuilder("{\"data\":").append(q(dataDescription)).append(",\"seeds\":")
                .append(seeds).append(",\"strategies\":[");
        List<LearningCurvePlot.Curve> plot = new ArrayList<>();
        out.println();
        out.printf("%-18s %10s %10s %10s %14s  %s%n", "strategy", "final acc", "AULC", "AULC sd", "efficiency", "verdict");
        for (int s = 0; s < aggregates.size(); s++) {
            Aggregate a = aggregates.get(s);
            for (int i = 0; i < a.labels().length; i++) {
                csv.append(a.strategy()).append(',').append(i).append(',').append((long) a.labels()[i]).append(',')
                        .append(fmt(a.mean()[i])).append(',').append(fmt(a.sd()[i])).append(',').append(seeds).append('\n');
            }
            double eff = efficiency(a, random);
            double finalAcc = a.mean()[a.mean().length - 1];
            double spread = Math.sqrt(a.aulcSd() * a.aulcSd() + random.aulcSd() * random.aulcSd());
            String verdict;
            if (a == random) {
                verdict = "baseline";
            } else if (a.aulc() - random.aulc() > spread && a.aulc() > random.aulc()) {
                verdict = "better than random";
            } else if (random.aulc() - a.aulc() > spread) {
                verdict = "worse than random";
            } else {
                verdict = "no better than random within the spread across seeds";
            }
            String effText = Double.isNaN(eff) ? "never reaches" : String.format(Locale.ROOT, "%.2fx", eff);
            out.printf(Locale.ROOT, "%-18s %10.4f %10.4f %10.4f %14s  %s%n", a.strategy(), finalAcc, a.aulc(),
                    a.aulcSd(), effText, verdict);
            json.append(s > 0 ? "," : "").append("{\"strategy\":").append(q(a.strategy()))
                    .append(",\"labels\":").append(arr(a.labels())).append(",\"mean_accuracy\":").append(arr(a.mean()))
                    .append(",\"sd_accuracy\":").append(arr(a.sd())).append(",\"aulc\":").append(fmt(a.aulc()))
                    .append(",\"aulc_sd\":").append(fmt(a.aulcSd())).append(",\"labeling_efficiency\":")
                    .append(Double.isNaN(eff) ? "null" : fmt(eff)).append(",\"verdict\":").append(q(verdict)).append('}');
            plot.add(new LearningCurvePlot.Curve(a.strategy(), a.labels(), a.mean(), seeds > 1 ? a.sd() : null));
        }
        json.append("]}\n");
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("comparison.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("comparison.json"), json, StandardCharsets.UTF_8);
        LearningCurvePlot.write(outDir.resolve("comparison.png"), "Label efficiency on " + dataDescription
                + " (" + seeds + " seed" + (seeds > 1 ? "s" : "") + ", band = ±1 sd)", plot);
        out.println();
        out.println("Efficiency: labels random sampling needs for its final accuracy, divided by the labels the strategy"
                + " needs for it.");
        out.printf("Wrote %s, comparison.json and comparison.png.%n", outDir.resolve("comparison.csv").toAbsolutePath());
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String arr(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? "," : "").append(fmt(v[i]));
        }
        return sb.append(']').toString();
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
