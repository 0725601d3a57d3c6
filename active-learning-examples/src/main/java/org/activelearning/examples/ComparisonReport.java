package org.activelearning.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.StringWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the learning curves of a comparison into its verdicts: mean and spread per budget, the
 * normalized area under the learning curve (AULC), labeling efficiency against random sampling,
 * and the largest shortfall against random at any budget; writes {@code comparison.csv}, {@code
 * comparison.json} (with every run's raw curve) and {@code comparison.png}.
 */
final class ComparisonReport {

    private ComparisonReport() {}

    /**
     * One run's learning curve: a point per trained model.
     *
     * @param seed the seed
     * @param labels labels at each point
     * @param accuracy test accuracy
     * @param trainAccuracy accuracy on the labeled set at the end of training
     * @param trainLoss loss on the labeled set at the end of training
     * @param steps optimizer steps of each training
     * @param trainSeconds seconds of each training
     * @param seconds wall-clock seconds of each round
     */
    record Curve(int seed, double[] labels, double[] accuracy, double[] trainAccuracy, double[] trainLoss,
            double[] steps, double[] trainSeconds, double[] seconds) {}

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

    static Aggregate aggregate(String name, List<Curve> runs) {
        int n = runs.stream().mapToInt(r -> r.labels().length).min().orElse(0);
        double[] labels = new double[n];
        double[] mean = new double[n];
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = runs.get(0).labels()[i];
            double[] v = new double[runs.size()];
            for (int r = 0; r < runs.size(); r++) {
                v[r] = runs.get(r).accuracy()[i];
            }
            mean[i] = mean(v);
            sd[i] = sd(v);
        }
        double[] areas = runs.stream().mapToDouble(r -> aulc(r.labels(), r.accuracy(), n)).toArray();
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

    /**
     * The budget where the strategy falls furthest below random sampling, as {index, gap, spread}:
     * gap is random's mean minus the strategy's (positive when worse) and spread the two standard
     * deviations combined; index -1 when the curves share no budget.
     */
    static double[] worstGap(Aggregate a, Aggregate random) {
        double[] worst = {-1, Double.NEGATIVE_INFINITY, 0};
        int n = Math.min(a.labels().length, random.labels().length);
        for (int i = 0; i < n; i++) {
            double gap = random.mean()[i] - a.mean()[i];
            if (gap > worst[1]) {
                worst = new double[] {i, gap, Math.hypot(a.sd()[i], random.sd()[i])};
            }
        }
        return worst;
    }

    static String verdict(Aggregate a, Aggregate random) {
        double spread = Math.hypot(a.aulcSd(), random.aulcSd());
        if (a == random) {
            return "baseline";
        } else if (a.aulc() - random.aulc() > spread && a.aulc() > random.aulc()) {
            return "better than random";
        } else if (random.aulc() - a.aulc() > spread) {
            return "worse than random";
        }
        return "no better than random within the spread across seeds";
    }

    static void write(PrintStream out, Path outDir, String dataDescription, int seeds, Map<String, List<Curve>> runs)
            throws IOException {
        List<Aggregate> aggregates = new ArrayList<>();
        runs.forEach((name, curves) -> aggregates.add(aggregate(name, curves)));
        Aggregate random = aggregates.stream().filter(a -> a.strategy().equals("random")).findFirst().orElseThrow();
        StringWriter csvText = new StringWriter();
        CSVPrinter csv = new CSVPrinter(csvText, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
        csv.printRecord("strategy", "round", "labels", "mean_accuracy", "sd_accuracy", "seeds");
        JsonObject json = new JsonObject();
        json.addProperty("data", dataDescription);
        json.addProperty("seeds", seeds);
        JsonArray strategies = new JsonArray();
        json.add("strategies", strategies);
        List<LearningCurvePlot.Curve> plot = new ArrayList<>();
        out.println();
        out.printf("%-18s %5s %10s %10s %10s %14s %22s  %s%n", "strategy", "seeds", "final acc", "AULC", "AULC sd",
                "efficiency", "worst gap to random", "verdict");
        for (Aggregate a : aggregates) {
            List<Curve> curves = runs.get(a.strategy());
            for (int i = 0; i < a.labels().length; i++) {
                csv.printRecord(a.strategy(), i, (long) a.labels()[i], fmt(a.mean()[i]), fmt(a.sd()[i]), curves.size());
            }
            double eff = efficiency(a, random);
            double finalAcc = a.mean()[a.mean().length - 1];
            String verdict = verdict(a, random);
            double[] gap = worstGap(a, random);
            String gapText = a == random || gap[0] < 0 ? ""
                    : gap[1] <= 0 ? "never below"
                    : String.format(Locale.ROOT, "%+.3f at %d%s", -gap[1], (long) a.labels()[(int) gap[0]],
                            gap[1] > gap[2] ? " (beyond sd)" : "");
            String effText = Double.isNaN(eff) ? "never reaches" : String.format(Locale.ROOT, "%.2fx", eff);
            out.printf(Locale.ROOT, "%-18s %5d %10.4f %10.4f %10.4f %14s %22s  %s%n", a.strategy(),
                    curves.size(), finalAcc, a.aulc(), a.aulcSd(), effText, gapText, verdict);
            boolean noGap = gap[0] < 0 || a == random;
            JsonObject o = new JsonObject();
            o.addProperty("strategy", a.strategy());
            o.add("labels", JsonValues.nums(a.labels()));
            o.add("mean_accuracy", JsonValues.nums(a.mean()));
            o.add("sd_accuracy", JsonValues.nums(a.sd()));
            o.add("aulc", JsonValues.num(a.aulc()));
            o.add("aulc_sd", JsonValues.num(a.aulcSd()));
            o.addProperty("seeds", curves.size());
            o.add("labeling_efficiency", JsonValues.num(eff));
            o.add("worst_gap_to_random", noGap ? JsonNull.INSTANCE : JsonValues.num(gap[1]));
            o.add("worst_gap_sd", noGap ? JsonNull.INSTANCE : JsonValues.num(gap[2]));
            o.addProperty("verdict", verdict);
            JsonArray runList = new JsonArray();
            for (Curve c : curves) {
                JsonObject r = new JsonObject();
                r.addProperty("seed", c.seed());
                r.add("labels", JsonValues.nums(c.labels()));
                r.add("accuracy", JsonValues.nums(c.accuracy()));
                r.add("train_accuracy", JsonValues.nums(c.trainAccuracy()));
                r.add("train_loss", JsonValues.nums(c.trainLoss()));
                r.add("train_steps", JsonValues.nums(c.steps()));
                r.add("train_seconds", JsonValues.nums(c.trainSeconds()));
                r.add("round_seconds", JsonValues.nums(c.seconds()));
                runList.add(r);
            }
            o.add("runs", runList);
            strategies.add(o);
            plot.add(new LearningCurvePlot.Curve(a.strategy(), a.labels(), a.mean(), seeds > 1 ? a.sd() : null));
        }
        csv.flush();
        Files.createDirectories(outDir);
        Files.writeString(outDir.resolve("comparison.csv"), csvText.toString(), StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("comparison.json"), JsonValues.GSON.toJson(json) + "\n",
                StandardCharsets.UTF_8);
        LearningCurvePlot.write(outDir.resolve("comparison.png"), "Label efficiency on " + dataDescription
                + " (" + seeds + " seed" + (seeds > 1 ? "s" : "") + ", band = ±1 sd)", plot);
        out.println();
        out.println("Efficiency: labels random sampling needs for its final accuracy, divided by the labels the strategy"
                + " needs for it. Worst gap: the strategy's mean minus random's at the budget where it trails most.");
        out.printf("Wrote %s, comparison.json and comparison.png.%n", outDir.resolve("comparison.csv").toAbsolutePath());
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double sd(double[] v) {
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

    static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }
}
