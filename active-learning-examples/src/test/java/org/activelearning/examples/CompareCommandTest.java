package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void areaUnderTheCurveIsNormalizedToTheLabelRange() {
        // trapezoids: (10 * (0.2 + 0.4) / 2 + 10 * (0.4 + 0.6) / 2) / 20 = 0.4
        assertThat(CompareCommand.aulc(new double[] {0, 10, 20}, new double[] {0.2, 0.4, 0.6}, 3)).isCloseTo(0.4, within(1e-12));
        assertThat(CompareCommand.aulc(new double[] {5}, new double[] {0.7}, 1)).isEqualTo(0.7);
    }

    @Test
    void efficiencyInterpolatesTheLabelsNeededToReachRandomsFinalAccuracy() {
        CompareCommand.Aggregate random = new CompareCommand.Aggregate("random", new double[] {100, 200, 300},
                new double[] {0.30, 0.40, 0.50}, new double[3], 0, 0);
        CompareCommand.Aggregate good = new CompareCommand.Aggregate("lc", new double[] {100, 200, 300},
                new double[] {0.30, 0.45, 0.60}, new double[3], 0, 0);
        CompareCommand.Aggregate bad = new CompareCommand.Aggregate("bad", new double[] {100, 200, 300},
                new double[] {0.30, 0.35, 0.45}, new double[3], 0, 0);
        // good reaches 0.50 a third of the way from 200 to 300 labels: 300 / 233.3 = 1.2857
        assertThat(CompareCommand.efficiency(good, random)).isCloseTo(300 / (200 + 100 / 3.0), within(1e-9));
        assertThat(CompareCommand.efficiency(random, random)).isEqualTo(1.0);
        assertThat(CompareCommand.efficiency(bad, random)).isNaN();
    }

    @Test
    void comparesStrategiesOverSeedsWritesReportsAndReusesFinishedRuns() throws Exception {
        Path data = dir.resolve("data");
        SyntheticImages.writeCifarDirectory(data, 60, 20, 2);
        Path out = dir.resolve("cmp");
        String[] args = {"compare", "--data", data.toString(), "--strategies", "least-confidence,margin", "--seeds", "2",
            "--initial", "6", "-k", "4", "--rounds", "2", "--epochs", "1", "--batch-size", "8", "--pool-limit", "0",
            "--test-limit", "0", "--device", "cpu", "--out", out.toString()};
        CliTestSupport.Result first = CliTestSupport.run("", args);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Comparing least-confidence, margin, random over 2 seed(s)")
                .contains("baseline").contains("Efficiency:");
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

        CliTestSupport.Result second = CliTestSupport.run("", args);
        assertThat(second.exit()).isZero();
        assertThat(second.out().split("finished earlier, reusing", -1)).hasSize(7);
        assertThat(Files.readAllLines(out.resolve("comparison.csv"))).isEqualTo(csv);
    }
}
