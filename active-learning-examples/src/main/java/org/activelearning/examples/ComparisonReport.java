package org.activelearning.examples;

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
        StringBuilder csv = new StringBuilder("strategy,round,labels,mean_accuracy,sd_accuracy,seeds\n");
        StringBuilder json = new StringBuilder("{\"data\":").append(q(dataDescription)).append(",\"seeds\":")
                .append(seeds).append(",\"strategies\":[");
        List<LearningCurvePlot.Curve> plot = new ArrayList<>();
        out.println();
        out.printf("%-18s %5s %10s %10s %10s %14s %22s  %s%n", "strategy", "seeds", "final acc", "AULC", "AULC sd",
                "efficiency", "worst gap to random", "verdict");
        for (int s = 0; s < aggregates.size(); s++) {
            Aggregate a = aggregates.get(s);
            for (int i = 0; i < a.labels().length; i++) {
                csv.append(a.strategy()).append(',').append(i).append(',').append((long) a.labels()[i]).append(',')
                        .append(fmt(a.mean()[i])).append(',').append(fmt(a.sd()[i])).append(',')
                        .append(runs.get(a.strategy()).size()).append('\n');
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
                    runs.get(a.strategy()).size(), finalAcc, a.aulc(), a.aulcSd(), effText, gapText, verdict);
            json.append(s > 0 ? "," : "").append("{\"strategy\":").append(q(a.strategy()))
                    .append(",\"labels\":").append(arr(a.labels())).append(",\"mean_accuracy\":").append(arr(a.mean()))
                    .append(",\"sd_accuracy\":").append(arr(a.sd())).append(",\"aulc\":").append(fmt(a.aulc()))
                    .append(",\"aulc_sd\":").append(fmt(a.aulcSd())).append(",\"seeds\":")
                    .append(runs.get(a.strategy()).size()).append(",\"labeling_efficiency\":")
                    .append(Double.isNaN(eff) ? "null" : fmt(eff)).append(",\"worst_gap_to_random\":")
                    .append(gap[0] < 0 || a == random ? "null" : fmt(gap[1])).append(",\"worst_gap_sd\":")
                    .append(gap[0] < 0 || a == random ? "null" : fmt(gap[2])).append(",\"verdict\":").append(q(verdict))
                    .append(",\"runs\":[");
            List<Curve> curves = runs.get(a.strategy());
            for (int r = 0; r < curves.size(); r++) {
                Curve c = curves.get(r);
                json.append(r > 0 ? "," : "").append("{\"seed\":").append(c.seed()).append(",\"labels\":")
                        .append(arr(c.labels())).append(",\"accuracy\":").append(arr(c.accuracy()))
                        .append(",\"train_accuracy\":").append(arr(c.trainAccuracy())).append(",\"train_loss\":")
                        .append(arr(c.trainLoss())).append(",\"train_steps\":").append(arr(c.steps()))
                        .append(",\"train_seconds\":").append(arr(c.trainSeconds()))
                        .append(",\"round_seconds\":").append(arr(c.seconds())).append('}');
            }
            json.append("]}");
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
