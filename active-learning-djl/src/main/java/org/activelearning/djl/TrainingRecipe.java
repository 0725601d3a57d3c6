package org.activelearning.djl;

import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link ResNetLearner} trains each round, validated as a whole: SGD with momentum and weight
 * decay under a cosine schedule over the steps actually taken, at least {@code minSteps} and at most
 * {@code maxSteps} (0: no cap) of them, with optional byte-level augmentation and dropout before
 * the classifier.
 *
 * @param epochs passes over the labeled set, before the step floor and cap
 * @param minSteps the step floor of a fit from fresh weights
 * @param maxSteps the step cap, 0 for none
 * @param batchSize the training batch size
 * @param learningRate the base learning rate
 * @param momentum SGD momentum
 * @param weightDecay L2 weight decay
 * @param augmentation the training augmentation
 * @param dropout the dropout rate before the classifier (0: none)
 * @param continueTraining true to continue from the previous round's weights
 * @param continuedMinSteps the step floor of a continued fit, -1 for the same as {@code minSteps}
 */
record TrainingRecipe(int epochs, int minSteps, int maxSteps, int batchSize, float learningRate, float momentum,
        float weightDecay, Augmentation augmentation, float dropout, boolean continueTraining,
        int continuedMinSteps) {

    /**
     * Checks every value, naming all problems at once.
     *
     * @throws IllegalArgumentException listing the values that are out of range
     */
    TrainingRecipe {
        List<String> problems = problems(epochs, minSteps, maxSteps, batchSize, learningRate, momentum, weightDecay,
                dropout, continuedMinSteps);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid training recipe: " + String.join("; ", problems));
        }
    }

    /** What is wrong with these values (empty when nothing is). */
    static List<String> problems(int epochs, int minSteps, int maxSteps, int batchSize, float learningRate,
            float momentum, float weightDecay, float dropout, int continuedMinSteps) {
        List<String> problems = new ArrayList<>();
        if (epochs < 1) {
            problems.add("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            problems.add("batch size must be >= 1, got " + batchSize);
        }
        if (continuedMinSteps < -1) {
            problems.add("continued minimum steps must be >= 0, got " + continuedMinSteps);
        }
        if (minSteps < 0 || maxSteps < 0) {
            problems.add("minimum and maximum steps must be >= 0, got " + minSteps + " and " + maxSteps);
        } else if (maxSteps > 0 && minSteps > maxSteps) {
            problems.add("minimum steps " + minSteps + " exceed the maximum " + maxSteps);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            problems.add("dropout must be in [0, 1), got " + dropout);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            problems.add("learning rate must be positive and finite, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            problems.add("momentum must be in [0, 1), got " + momentum);
        }
        if (!(weightDecay >= 0) || !Float.isFinite(weightDecay)) {
            problems.add("weight decay must be >= 0, got " + weightDecay);
        }
        return problems;
    }

    /**
     * Optimizer steps of one fit: epochs times batches, raised to the floor and cut at the cap.
     *
     * @param batchesPerEpoch batches in one pass over the labeled set
     * @param continuing true for a fit that continues from the previous round's weights
     * @return the steps
     */
    int steps(int batchesPerEpoch, boolean continuing) {
        int floor = continuing && continuedMinSteps >= 0 ? continuedMinSteps : minSteps;
        return plannedSteps(epochs, batchesPerEpoch, floor, maxSteps);
    }

    /** Epochs times batches, raised to {@code minSteps} and cut at {@code maxSteps} (0: no cap). */
    static int plannedSteps(int epochs, int batchesPerEpoch, int minSteps, int maxSteps) {
        long steps = Math.max((long) epochs * batchesPerEpoch, minSteps);
        if (maxSteps > 0) {
            steps = Math.min(steps, maxSteps);
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, steps));
    }
}
