package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void areaUnderTheCurveIsNormalizedToTheLabelRange() {
        // trapezoids: (10 * (0.2 + 0.4) / 2 + 10 * (0.4 + 0.6) / 2) / 20 = 0.4
        assertThat(ComparisonReport.aulc(new double[] {0, 10, 20}, new double[] {0.2, 0.4, 0.6}, 3)).isCloseTo(0.4, within(1e-12));
        assertThat(ComparisonReport.aulc(new double[] {5}, new double[] {0.7}, 1)).isEqualTo(0.7);
    }

    @Test
    void efficiencyInterpolatesTheLabelsNeededToReachRandomsFinalAccuracy() {
        ComparisonReport.Aggregate random = new ComparisonReport.Aggregate("random", new double[] {100, 200, 300},
                new double[] {0.30, 0.40, 0.50}, new double[3], 0, 0);
        ComparisonReport.Aggregate good = new ComparisonReport.Aggregate("lc", new double[] {100, 200, 300},
                new double[] {0.30, 0.45, 0.60}, new double[3], 0, 0);
        ComparisonReport.Aggregate bad = new ComparisonReport.Aggregate("bad", new double[] {100, 200, 300},
                new double[] {0.30, 0.35, 0.45}, new double[3], 0, 0);
        // good reaches 0.50 a third of the way from 200 to 300 labels: 300 / 233.3 = 1.2857
        assertThat(ComparisonReport.efficiency(good, random)).isCloseTo(300 / (200 + 100 / 3.0), within(1e-9));
        assertThat(ComparisonReport.efficiency(random, random)).isEqualTo(1.0);
        assertThat(ComparisonReport.efficiency(bad, random)).isNaN();
    }

    @Test
    void comparesStrategiesOverSeedsWritesReportsAndReusesFinishedRuns() throws Exception {
        Path data = dir.resolve("data");
        SyntheticImages.writeCifarDirectory(data, 60, 20, 2);
        Path out = dir.resolve("cmp");
        String[] args = {"compare", "--data", data.toString(), "--strategies", "least-confidence,margin", "--seeds", "2",
            "--initial", "6", "-k", "4", "--rounds", "2", "--epochs", "1", "--min-steps", "0", "--target-train-accuracy", "0", "--batch-size", "8", "--pool-limit", "0",
            "--test-limit", "0", "--device", "cpu", "--out", out.toString()};
        CliTestSupport.Result first = CliTestSupport.run("", args);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Comparing least-confidence, margin, random over 2 seed(s)")
                .contains("baseline").contains("Efficiency:")
                .contains("least-confidence seed 1 round 1:     6 labels, test ")
                .contains("random           seed 2 round 3:    14 labels, test ")
                .contains("0 rounds left").contains("8 rounds left");
        List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
        assertThat(csv.get(0)).isEqualTo("strategy,round,labels,mean_accuracy,sd_accuracy,seeds");
        assertThat(csv).hasSize(1 + 3 * 3);
        assertThat(csv.get(1)).startsWith("least-confidence,0,6,");
        assertThat(csv.get(9)).startsWith("random,2,14,");
        String json = Files.readString(out.resolve("comparison.json"));
        assertThat(json).contains("\"strategy\":\"random\"").contains("\"labeling_efficiency\":")
                .contains("\"verdict\":\"baseline\"").contains("\"aulc\":");
        assertThat(out.resolve("comparison.png")).isNotEmptyFile();
        for (String run : new String[] {"least-confidence-seed1", "margin-seed2", "random-seed2"}) {
            assertThat(out.resolve("runs").resolve(run).resolve("curve.csv")).isNotEmptyFile();
        }

        List<String> curve = Files.readAllLines(out.resolve("runs/margin-seed1/curve.csv"));
        assertThat(curve.get(0)).isEqualTo(CompareCommand.CURVE_HEADER);
        assertThat(curve).hasSize(4);
        String[] last = curve.get(3).split(",");
        assertThat(last[0]).isEqualTo("14");
        assertThat(Double.parseDouble(last[2])).as("training accuracy").isBetween(0.0, 1.0);
        assertThat(Double.parseDouble(last[4])).as("steps: 1 epoch of 14 labels in batches of 8").isEqualTo(2.0);
        assertThat(json).contains("\"runs\":[{\"seed\":1,").contains("\"train_accuracy\":[");

        CliTestSupport.Result second = CliTestSupport.run("", args);
        assertThat(second.exit()).isZero();
        assertThat(second.out().split("finished earlier, reusing", -1)).hasSize(7);
        assertThat(Files.readAllLines(out.resolve("comparison.csv"))).isEqualTo(csv);

        // --report-only reads what is finished and computes nothing
        Files.move(out.resolve("runs/margin-seed2"), dir.resolve("margin-seed2-aside"));
        CliTestSupport.Result partial = CliTestSupport.run("", CliTestSupport.concat(args, "--report-only"));
        assertThat(partial.exit()).as(partial.err()).isZero();
        assertThat(partial.out()).contains("Report of the finished runs only: least-confidence 2/2, margin 1/2, random 2/2")
                .doesNotContain("round 1:");
        assertThat(out.resolve("runs/margin-seed2")).doesNotExist();
        assertThat(Files.readAllLines(out.resolve("comparison.csv")))
                .anyMatch(l -> l.startsWith("margin,0,6,") && l.endsWith(",1"))
                .anyMatch(l -> l.startsWith("random,0,6,") && l.endsWith(",2"));
        Files.move(dir.resolve("margin-seed2-aside"), out.resolve("runs/margin-seed2"));
        CliTestSupport.run("", CliTestSupport.concat(args, "--report-only"));
        assertThat(Files.readAllLines(out.resolve("comparison.csv"))).isEqualTo(csv);

        // an interrupted run (killed in its final round) resumes and keeps the points of its earlier rounds
        Path run = out.resolve("runs/margin-seed1");
        Files.delete(run.resolve("curve.csv"));
        List<String> rounds = Files.readAllLines(run.resolve("rounds.csv"));
        assertThat(rounds).hasSize(3);
        Files.write(run.resolve("rounds.csv"), rounds.subList(0, 2));
        CliTestSupport.Result resumed = CliTestSupport.run("", args);
        assertThat(resumed.exit()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("margin           seed 1: resuming with 14 labels");
        List<String> rebuilt = Files.readAllLines(run.resolve("curve.csv"));
        assertThat(rebuilt).hasSize(4);
        assertThat(rebuilt.subList(0, 3)).isEqualTo(curve.subList(0, 3));
        assertThat(rebuilt.get(3)).startsWith("14,");
        // the retrained final round may differ in accuracy; the report is rebuilt from the new curve

        // a run killed while its round-2 batch was being answered: the batch is finished without retraining,
        // and the round's point, recorded before its first answer, stays as it was
        Path midBatch = out.resolve("runs/least-confidence-seed2");
        List<String> fullCurve = Files.readAllLines(midBatch.resolve("curve.csv"));
        Files.delete(midBatch.resolve("curve.csv"));
        Files.write(midBatch.resolve("rounds.csv"), Files.readAllLines(midBatch.resolve("rounds.csv")).subList(0, 2));
        List<String> journal = Files.readAllLines(midBatch.resolve("journal.jsonl"));
        int round2Query = -1;
        for (int i = 0; i < journal.size(); i++) {
            if (journal.get(i).startsWith("{\"type\":\"query\",\"round\":2,")) {
                round2Query = i;
            }
        }
        assertThat(round2Query).isPositive();
        Files.write(midBatch.resolve("journal.jsonl"), journal.subList(0, round2Query + 2));
        CliTestSupport.Result finished = CliTestSupport.run("", args);
        assertThat(finished.exit()).as(finished.err()).isZero();
        assertThat(finished.out()).doesNotContain("least-confidence seed 2 round 2:");
        List<String> completed = Files.readAllLines(midBatch.resolve("curve.csv"));
        assertThat(completed).hasSize(4);
        assertThat(completed.subList(0, 3)).as("rounds 1 and 2 kept, not retrained").isEqualTo(fullCurve.subList(0, 3));
        assertThat(completed.get(3)).startsWith("14,");
        List<String> afterResume = Files.readAllLines(out.resolve("comparison.csv"));

        // a changed setting must not silently mix curves made with different recipes
        CliTestSupport.Result changed = CliTestSupport.run("", CliTestSupport.concat(args, "--learning-rate", "0.05"));
        assertThat(changed.exit()).isEqualTo(1);
        assertThat(changed.err()).contains("was made with other settings (learning-rate 0.02 -> 0.05)")
                .contains("Use another --out");
        assertThat(Files.readAllLines(out.resolve("comparison.csv"))).isEqualTo(afterResume);

        // a run whose journal another process holds is left to it, and its curve is read when it appears
        Path held = out.resolve("runs/random-seed2");
        List<String> heldCurve = Files.readAllLines(held.resolve("curve.csv"));
        Files.delete(held.resolve("curve.csv"));
        CompareCommand.WAIT_MILLIS = 100;
        try (LabelJournal<Integer> other = LabelJournal.open(held.resolve("journal.jsonl"), LabelCodec.integers())) {
            java.util.concurrent.CompletableFuture<CliTestSupport.Result> shared =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> CliTestSupport.run("", args));
            Thread.sleep(1500);
            assertThat(shared).isNotDone();
            Files.write(held.resolve("curve.csv"), heldCurve);
            other.close();
            CliTestSupport.Result r = shared.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("random           seed 2: being computed by another process");
        } finally {
            CompareCommand.WAIT_MILLIS = 20_000;
        }
        assertThat(Files.readAllLines(out.resolve("comparison.csv"))).isEqualTo(afterResume);
    }

    @Test
    void worstGapFindsTheBudgetWhereAStrategyTrailsRandomMost() {
        ComparisonReport.Aggregate random = new ComparisonReport.Aggregate("random", new double[] {100, 200, 300},
                new double[] {0.30, 0.40, 0.50}, new double[] {0.01, 0.01, 0.01}, 0, 0);
        ComparisonReport.Aggregate dip = new ComparisonReport.Aggregate("dip", new double[] {100, 200, 300},
                new double[] {0.30, 0.35, 0.52}, new double[] {0.01, 0.02, 0.01}, 0, 0);
        double[] gap = ComparisonReport.worstGap(dip, random);
        assertThat(gap[0]).isEqualTo(1);
        assertThat(gap[1]).isCloseTo(0.05, within(1e-12));
        assertThat(gap[2]).isCloseTo(Math.hypot(0.02, 0.01), within(1e-12));
    }

    @Test
    void etaScalesTheMeanRoundTimeByTheRoundsLeft() {
        Eta eta = new Eta(10);
        assertThat(eta.secondsLeft()).isNaN();
        eta.skipped(4);
        eta.roundDone();
        // 10 rounds, 4 reused, 1 done: 5 left at the mean time of the one done
        assertThat(eta.describe()).startsWith("5 rounds left, about ");
        assertThat(Eta.format(30)).isEqualTo("30 s");
        assertThat(Eta.format(600)).isEqualTo("10 min");
        assertThat(Eta.format(7500)).isEqualTo("2 h 05 min");
    }
}
