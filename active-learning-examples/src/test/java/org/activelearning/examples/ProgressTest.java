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
}
