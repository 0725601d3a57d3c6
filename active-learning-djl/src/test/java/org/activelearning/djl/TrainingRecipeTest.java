package org.activelearning.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.activelearning.core.Learner;
import org.activelearning.core.Metrics;
import org.activelearning.core.Probabilities;
import org.activelearning.core.StochasticModel;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.junit.jupiter.api.Test;

/** The training recipe: a step floor and cap, training metrics, and Monte Carlo dropout. */
class TrainingRecipeTest {

    @Test
    void stepsAreEpochsTimesBatchesBetweenTheFloorAndTheCap() {
        assertThat(TrainingRecipe.plannedSteps(10, 4, 0, 0)).isEqualTo(40);
        assertThat(TrainingRecipe.plannedSteps(10, 4, 500, 0)).isEqualTo(500);
        assertThat(TrainingRecipe.plannedSteps(10, 100, 500, 0)).isEqualTo(1000);
        assertThat(TrainingRecipe.plannedSteps(10, 100, 500, 800)).isEqualTo(800);
        assertThat(TrainingRecipe.plannedSteps(1, 1, 0, 0)).isEqualTo(1);
        assertThatThrownBy(() -> ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 1).optMinSteps(10).optMaxSteps(5)
                .optDropout(1.0).build())
                .hasMessageContaining("minimum steps 10 exceed the maximum 5")
                .hasMessageContaining("dropout must be in [0, 1), got 1.0");
    }

    @Test
    void theFirstCycleIsThePlainCosineScheduleAndARestartDecaysFromHalfThePeak() {
        ai.djl.training.tracker.Tracker plain =
                ai.djl.training.tracker.Tracker.cosine().setBaseValue(0.02f).optFinalValue(0f).setMaxUpdates(10).build();
        RestartingCosine lr = new RestartingCosine();
        lr.addCycle(0.02f, 10);
        for (int step = 1; step <= 10; step++) {
            assertThat(lr.getNewValue(step)).as("step %d", step).isEqualTo(plain.getNewValue(step));
        }
        lr.addCycle(0.01f, 10);
        assertThat(lr.getNewValue(10)).as("the first cycle still ends at 0").isEqualTo(plain.getNewValue(10));
        assertThat(lr.getNewValue(11)).isEqualTo(plain.getNewValue(1) / 2, within(1e-7f));
        assertThat(lr.getNewValue(15)).isEqualTo(plain.getNewValue(5) / 2, within(1e-7f));
        assertThat(lr.getNewValue(20)).isEqualTo(0f, within(1e-7f));
        assertThat(lr.cycleCount()).isEqualTo(2);
        assertThatThrownBy(() -> new RestartingCosine().getNewValue(1)).hasMessageContaining("no cycle");
    }

    @Test
    void anotherCycleRunsOnlyBelowASetTargetWithinTheCycleAndStepCaps() {
        TrainingRecipe none = recipe(0, 0, 3);
        TrainingRecipe target = recipe(0.95, 0, 3);
        TrainingRecipe capped = recipe(0.95, 250, 3);
        assertThat(none.anotherCycle(1, 100, 0.5)).as("no target: one cycle").isFalse();
        assertThat(target.anotherCycle(1, 100, 0.95)).as("target reached").isFalse();
        assertThat(target.anotherCycle(1, 100, 0.94)).isTrue();
        assertThat(target.anotherCycle(2, 100, 0.94)).isTrue();
        assertThat(target.anotherCycle(3, 100, 0.94)).as("cycle cap").isFalse();
        assertThat(capped.anotherCycle(1, 100, 0.5)).as("200 of 250 steps").isTrue();
        assertThat(capped.anotherCycle(2, 100, 0.5)).as("300 would exceed 250 steps").isFalse();
        assertThat(target.cyclePeak(1)).isEqualTo(0.02f);
        assertThat(target.cyclePeak(3)).isEqualTo(0.005f);
        assertThatThrownBy(() -> recipe(1.5, 0, 0))
                .hasMessageContaining("target training accuracy must be in [0, 1] (0: none), got 1.5")
                .hasMessageContaining("maximum cycles must be >= 1, got 0");
        assertThatThrownBy(() -> ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 1).optTargetTrainAccuracy(-0.1)
                .build()).hasMessageContaining("got -0.1");
    }

    private static TrainingRecipe recipe(double target, int maxSteps, int maxCycles) {
        return new TrainingRecipe(10, 0, maxSteps, 64, 0.02f, 0.9f, 5e-4f, Augmentation.CROP_FLIP, 0f, false, -1,
                target, maxCycles);
    }

    @Test
    void aFitBelowItsTargetRestartsItsScheduleUntilItFitsTheLabeledSet() {
        // 60 steps on 40 labels fit about two thirds of them; restarts at half the peak fit the rest
        CifarDataset data = SyntheticImages.generate(40, 21);
        List<org.activelearning.core.LabeledExample<PlanarImage, Integer>> labeled =
                ResNetLearnerTest.examples(data, 0, 40);
        List<Integer> cycles = new java.util.ArrayList<>();
        TrainingProgress record = new TrainingProgress() {
            @Override
            public void trainingPlanned(int steps, int batchesPerEpoch, int examples) {
                cycles.add(steps);
            }
        };
        try (ResNetLearner once = ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 1).optMinSteps(60).build();
                ResNetLearner restarts = ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 1).optMinSteps(60)
                        .optTargetTrainAccuracy(0.9).optMaxCycles(4).optTrainingProgress(record).build()) {
            once.fit(labeled);
            restarts.fit(labeled);
            double onceAccuracy = once.trainingMetrics().get(Learner.TRAIN_ACCURACY).orElseThrow();
            double accuracy = restarts.trainingMetrics().get(Learner.TRAIN_ACCURACY).orElseThrow();
            double steps = restarts.trainingMetrics().get(Learner.TRAIN_STEPS).orElseThrow();
            assertThat(onceAccuracy).as("one cycle of 60 steps").isLessThan(0.9);
            assertThat(cycles).as("cycles of 60 steps each").hasSizeBetween(2, 4).allMatch(c -> c == 60);
            assertThat(steps).isEqualTo(60.0 * cycles.size());
            assertThat(accuracy).as("training accuracy after %s cycles", cycles.size()).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void continuedRoundsUseTheirOwnShorterFloorAfterAFullFirstFit() {
        CifarDataset data = SyntheticImages.generate(16, 23);
        try (ResNetLearner l = ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 1).optMinSteps(6)
                .optContinueTraining(true).optContinuedMinSteps(2).build();
                ResNetLearner fresh = ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 1).optMinSteps(6)
                        .optContinuedMinSteps(2).build()) {
            l.fit(ResNetLearnerTest.examples(data, 0, 8));
            assertThat(l.trainingMetrics().get(Learner.TRAIN_STEPS).orElseThrow()).isEqualTo(6);
            l.fit(ResNetLearnerTest.examples(data, 0, 16));
            assertThat(l.trainingMetrics().get(Learner.TRAIN_STEPS).orElseThrow()).isEqualTo(2);
            // without continue mode every fit starts fresh and keeps the full floor
            fresh.fit(ResNetLearnerTest.examples(data, 0, 8));
            fresh.fit(ResNetLearnerTest.examples(data, 0, 16));
            assertThat(fresh.trainingMetrics().get(Learner.TRAIN_STEPS).orElseThrow()).isEqualTo(6);
        }
    }

    @Test
    void aStepFloorTrainsASmallLabeledSetToItsTargetWhereEpochsAloneDoNot() {
        // 40 labels in batches of 32 are 2 steps an epoch: 3 epochs are 6 steps, far from fitting them
        CifarDataset data = SyntheticImages.generate(40, 21);
        List<org.activelearning.core.LabeledExample<PlanarImage, Integer>> labeled = ResNetLearnerTest.examples(data, 0, 40);
        try (ResNetLearner few = ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 3).build();
                ResNetLearner floor = ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 3).optMinSteps(200).build()) {
            assertThat(few.trainingMetrics()).isEqualTo(Metrics.EMPTY);
            few.fit(labeled);
            floor.fit(labeled);
            assertThat(few.trainingMetrics().get(Learner.TRAIN_STEPS).orElseThrow()).isEqualTo(6);
            assertThat(floor.trainingMetrics().get(Learner.TRAIN_STEPS).orElseThrow()).isEqualTo(200);
            double fewAccuracy = few.trainingMetrics().get(Learner.TRAIN_ACCURACY).orElseThrow();
            double floorAccuracy = floor.trainingMetrics().get(Learner.TRAIN_ACCURACY).orElseThrow();
            assertThat(floorAccuracy).as("training accuracy after 200 steps").isGreaterThanOrEqualTo(0.9);
            assertThat(fewAccuracy).as("training accuracy after 6 steps").isLessThan(0.6);
            assertThat(floor.trainingMetrics().get(Learner.TRAIN_LOSS).orElseThrow())
                    .isLessThan(few.trainingMetrics().get(Learner.TRAIN_LOSS).orElseThrow());
            assertThat(floor.trainingMetrics().get(Learner.TRAIN_SECONDS).orElseThrow()).isPositive();
        }
    }

    @Test
    void monteCarloDropoutPassesAreSeededVaryAndAverageNearTheDeterministicPrediction() {
        CifarDataset data = SyntheticImages.generate(30, 22);
        List<PlanarImage> inputs = ResNetLearnerTest.images(data, 20, 30);
        try (ResNetLearner l = ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 2).optDropout(0.5)
                .optScoringBatchSize(4).build()) {
            l.fit(ResNetLearnerTest.examples(data, 0, 20));
            assertThat(l.capability(StochasticModel.class)).containsSame(l);
            StochasticModel<PlanarImage> model = l;
            Probabilities[] a = model.predictStochastic(inputs, 8, 5);
            Probabilities[] b = model.predictStochastic(inputs, 8, 5);
            Probabilities[] c = model.predictStochastic(inputs, 8, 6);
            assertThat(a).hasSize(8);
            boolean passesDiffer = false;
            boolean seedsDiffer = false;
            for (int t = 0; t < 8; t++) {
                assertThat(a[t].rows()).isEqualTo(10);
                for (int r = 0; r < 10; r++) {
                    float sum = 0;
                    for (int k = 0; k < 10; k++) {
                        sum += a[t].get(r, k);
                        assertThat(a[t].get(r, k)).isEqualTo(b[t].get(r, k));
                        passesDiffer |= Math.abs(a[t].get(r, k) - a[0].get(r, k)) > 1e-4;
                        seedsDiffer |= Math.abs(a[t].get(r, k) - c[t].get(r, k)) > 1e-4;
                    }
                    assertThat(sum).isCloseTo(1f, within(1e-4f));
                }
            }
            assertThat(passesDiffer).as("dropout makes passes differ").isTrue();
            assertThat(seedsDiffer).as("another seed gives other passes").isTrue();
            // ordinary prediction drops nothing: it is repeatable
            Probabilities p1 = l.predictProbabilities(inputs);
            Probabilities p2 = l.predictProbabilities(inputs);
            for (int r = 0; r < 10; r++) {
                for (int k = 0; k < 10; k++) {
                    assertThat(p1.get(r, k)).isEqualTo(p2.get(r, k));
                }
            }
        }
        try (ResNetLearner none = ResNetLearnerTest.learner(ResNet18.Stem.IMAGENET, 1).build()) {
            none.fit(ResNetLearnerTest.examples(data, 0, 8));
            assertThatThrownBy(() -> none.predictStochastic(inputs, 4, 1))
                    .hasMessageContaining("Stochastic passes need dropout; build the learner with optDropout(rate)");
        }
    }

    @Test
    void aSingleLeftoverImageJoinsTheLastBatchBecauseBatchNormCannotTrainOnOne() {
        assertThat(ResNetLearner.batchCount(9, 8)).isEqualTo(1);
        assertThat(ResNetLearner.batchCount(10, 8)).isEqualTo(2);
        assertThat(ResNetLearner.batchCount(16, 8)).isEqualTo(2);
        assertThat(ResNetLearner.batchCount(17, 8)).isEqualTo(2);
        assertThat(ResNetLearner.batchCount(3, 8)).isEqualTo(1);
        org.activelearning.djl.data.CifarDataset data = org.activelearning.djl.data.SyntheticImages.generate(9, 3);
        java.util.List<org.activelearning.core.LabeledExample<org.activelearning.djl.data.PlanarImage, Integer>> nine =
                new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(new org.activelearning.core.LabeledExample<>(i, data.image(i), data.label(i)));
        }
        try (ResNetLearner l = ResNetLearner.builder().setClassNames(data.classes()).optStem(ResNet18.Stem.IMAGENET)
                .optEpochs(2).optBatchSize(8).optDevice("cpu").build()) {
            l.fit(nine); // failed in batch normalization with a batch of one before
            assertThat(l.trainingMetrics().get(org.activelearning.core.Learner.TRAIN_STEPS).orElseThrow()).isEqualTo(2.0);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> l.fit(nine.subList(0, 1)))
                    .hasMessageContaining("Cannot train on 1 labeled image: ResNet-18's batch normalization needs "
                            + "at least 2");
        }
    }
}
