package org.activelearning.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.activelearning.djl.TrainingProgress;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void countsAreSingularForOne() {
        assertThat(Progress.plural(1, "label")).isEqualTo("1 label");
        assertThat(Progress.plural(0, "label")).isEqualTo("0 labels");
        assertThat(Progress.plural(2, "query", "queries")).isEqualTo("2 queries");
        assertThat(Progress.plural(1, "query", "queries")).isEqualTo("1 query");
    }

    @Test
    void anObserverOfEpochsStillHearsAboutAStepPlan() {
        List<int[]> started = new ArrayList<>();
        TrainingProgress old = new TrainingProgress() {
            @Override
            public void trainingStarted(int epochs, int batchesPerEpoch, int examples) {
                started.add(new int[] {epochs, batchesPerEpoch, examples});
            }
        };
        // 500 steps of 4 batches an epoch span 125 epochs; 10 steps of 4 span 3
        old.trainingPlanned(500, 4, 200);
        old.trainingPlanned(10, 4, 200);
        assertThat(started).containsExactly(new int[] {125, 4, 200}, new int[] {3, 4, 200});
    }

    @Test
    void aBarAndItsTrailingTextFitTheTerminalSoEachRedrawStaysOnOneLine() throws Exception {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        Progress p = new Progress(true, new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8), 60);
        p.trainingPlanned(500, 4, 2000);
        for (int i = 0; i < 500; i++) {
            p.batchTrained(i / 4 + 1, i % 4, 0.123f);
        }
        p.trainingFinished();
        p.evaluationStarted(2000);
        p.scored(2000);
        p.scoringFinished();
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        // each redraw returns the carriage and rewrites one line: no segment may reach the 60th column
        List<String> segments = java.util.Arrays.stream(out.split("[\r\n]"))
                .map(l -> l.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "")).filter(l -> !l.isBlank()).toList();
        assertThat(segments).isNotEmpty().allSatisfy(l -> assertThat(l.length()).as(l).isLessThan(60));
        assertThat(out).contains("Training on 2000 labels").contains("Evaluating");
    }
}
