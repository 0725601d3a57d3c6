package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvePlotTest {

    @TempDir
    Path dir;

    private static LearningCurvePlot.Curve curve(double... ys) {
        double[] xs = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            xs[i] = 100 * (i + 1);
        }
        return new LearningCurvePlot.Curve("c", xs, ys, null);
    }

    @Test
    void aTwoImageDifferenceDoesNotFillTheAxis() {
        double[] r = LearningCurvePlot.yRange(List.of(curve(0.10, 0.11)));
        assertThat(r[1] - r[0]).isCloseTo(0.1, within(1e-9));
        assertThat(r[0]).isLessThan(0.10);
        assertThat(r[1]).isGreaterThan(0.11);
    }

    @Test
    void theRangeIsPaddedAndStaysWithinZeroAndOne() {
        double[] wide = LearningCurvePlot.yRange(List.of(curve(0.3, 0.9)));
        assertThat(wide[0]).isCloseTo(0.24, within(1e-9));
        assertThat(wide[1]).isCloseTo(0.96, within(1e-9));
        double[] top = LearningCurvePlot.yRange(List.of(curve(0.98, 1.0)));
        assertThat(top[1]).isEqualTo(1.0);
        assertThat(top[1] - top[0]).isCloseTo(0.1, within(1e-9));
        assertThat(LearningCurvePlot.yRange(List.of())).containsExactly(0, 1);
    }

    @Test
    void thePngHasTheModeOfTheSessionsOtherFiles() throws Exception {
        Path other = Files.writeString(dir.resolve("metrics.csv"), "x");
        Path png = dir.resolve("learning-curve.png");
        LearningCurvePlot.write(png, "t", List.of(curve(0.5, 0.6)));
        assertThat(Files.getPosixFilePermissions(png)).isEqualTo(Files.getPosixFilePermissions(other));
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("metrics.csv",
                    "learning-curve.png");
        }
    }

    @Test
    void theFinalTrainingIsAPointOfItsOwnLabeledFinal() {
        RoundRecord r1 = new RoundRecord(1, 10, 0.5, Map.of(), Double.NaN, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, Double.NaN, false);
        RoundRecord r2 = new RoundRecord(2, 14, 0.6, Map.of(), Double.NaN, 0, 0, 0, 0, 0, 0, 0, 4, 4, 0, Double.NaN, false);
        RoundRecord fin = new RoundRecord(3, 18, 0.7, Map.of(), Double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN, true);
        List<LearningCurvePlot.Curve> curves = RunRecorder.curves(List.of(r1, r2, fin), false);
        assertThat(curves).hasSize(2);
        assertThat(curves.get(0).labels()).containsExactly(10, 14);
        assertThat(curves.get(1).name()).startsWith("final");
        assertThat(curves.get(1).labels()).containsExactly(18);
        assertThat(curves.get(1).mean()).containsExactly(0.7);
        assertThat(RunRecorder.curves(List.of(r1), false)).hasSize(1);
    }
}
