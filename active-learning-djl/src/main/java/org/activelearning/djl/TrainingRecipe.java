package org.activelearning.djl;

import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link ResNetLearner} trains each round, validated as a whole: SGD with momentum and weight
 * decay under a cosine schedule over the steps actually taken, at least {@code minSteps} and at most
 * {@code maxSteps} (0: no cap) of them, with optional byte-level augmentation and dropout before
 * the classifier. With a training-accuracy target, a fit that ends below it restarts the schedule
 * from its current weights at half the previous peak (a warm restart, Loshchilov and Hutter, ICLR
 * 2017), up to {@code maxCycles} cycles and within {@code maxSteps}: training until the labeled set
 * is fit, as in the protocol of Ash et al. (ICLR 2020), at a bounded cost.
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
 * @param targetTrainAccuracy the training accuracy a fit should reach; below it, another cycle runs
 *     (0: one cycle, no target)
 * @param maxCycles the most cosine cycles of one fit, at least 1
 */
record TrainingRecipe(int epochs, int minSteps, int maxSteps, int batchSize, float learningRate, float momentum,
        float weightDecay, Augmentation augmentation, float dropout, boolean continueTraining,
        int continuedMinSteps, double targetTrainAccuracy, int maxCycles) {

    /**
     * Checks every value, naming all problems at once.
     *
     * @throws IllegalArgumentException listing the values that are out of range
     */
    TrainingRecipe {
        List<String> problems = problems(epochs, minSteps, maxSteps, batchSize, learningRate, momentum, weightDecay,
                dropout, continuedMinSteps);
        problems.addAll(targetProblems(targetTrainAccuracy, maxCycles));
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

    /** What is wrong with the training-accuracy target and the cycle cap (empty when nothing is). */
    static List<String> targetProblems(double targetTrainAccuracy, int maxCycles) {
        List<String> problems = new ArrayList<>();
        if (!(targetTrainAccuracy >= 0 && targetTrainAccuracy <= 1)) {
            problems.add("target training accuracy must be in [0, 1] (0: none), got " + targetTrainAccuracy);
        }
        if (maxCycles < 1) {
            problems.add("maximum cycles must be >= 1, got " + maxCycles);
        }
        return problems;
    }

    /**
     * Whether a fit that has taken {@code cycles} cycles of {@code cycleSteps} steps and reached
     * {@code trainAccuracy} should run another cycle: the target is set and missed, the cycle cap
     * is not reached, and another cycle stays within the step cap.
     *
     * @param cycles cycles taken so far, at least 1
     * @param cycleSteps the steps of one cycle
     * @param trainAccuracy the training accuracy after the last cycle
     * @return true to train another cycle
     */
    boolean anotherCycle(int cycles, int cycleSteps, double trainAccuracy) {
        if (!(targetTrainAccuracy > 0) || trainAccuracy >= targetTrainAccuracy || cycles >= maxCycles) {
            return false;
        }
        return maxSteps == 0 || (long) (cycles + 1) * cycleSteps <= maxSteps;
    }

    /**
     * The peak learning rate of a cycle: the base rate for the first, halved for each restart, so
     * a fit that is still unstable settles rather than repeating what failed.
     *
     * @param cycle the cycle, from 1
     * @return the peak learning rate
     */
    float cyclePeak(int cycle) {
        return (float) (learningRate / Math.pow(2, cycle - 1));
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
