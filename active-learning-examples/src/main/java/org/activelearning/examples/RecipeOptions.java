package org.activelearning.examples;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.strategy.StochasticSampling;
import org.activelearning.djl.Augmentation;
import org.activelearning.djl.ResNetLearnerBuilder;
import picocli.CommandLine.Option;

/**
 * The training recipe options shared by {@code run} and {@code compare}: how long, how fast and
 * on what each round's model is trained. The defaults were chosen by measurement on MNIST
 * (README, "Choosing the training recipe").
 */
public final class RecipeOptions {

    @Option(names = "--epochs", defaultValue = "10",
            description = "Passes over the labeled set per round (see --min-steps). Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--min-steps", defaultValue = "500",
            description = "Least optimizer steps per round, so small labeled sets are trained to convergence"
                    + " (0 = epochs only). Default: ${DEFAULT-VALUE}")
    int minSteps;

    @Option(names = "--max-steps", defaultValue = "0",
            description = "Most optimizer steps per round, bounding large labeled sets (0 = no cap)."
                    + " Default: ${DEFAULT-VALUE}")
    int maxSteps;

    @Option(names = "--batch-size", defaultValue = "64", description = "Training batch size. Default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.02",
            description = "Peak SGD learning rate (cosine schedule over the round's steps). Default: ${DEFAULT-VALUE}")
    float learningRate;

    @Option(names = "--augmentation", defaultValue = "crop-flip", paramLabel = "KIND",
            description = "none, crop (random 4-pixel shift) or crop-flip (and mirror; not for digits or text)."
                    + " Default: ${DEFAULT-VALUE}")
    String augmentation;

    @Option(names = "--no-augment", description = "Same as --augmentation none.")
    boolean noAugment;

    @Option(names = "--dropout", defaultValue = "0.25",
            description = "Dropout before the classifier, in training and in BALD's Monte Carlo passes."
                    + " Default: ${DEFAULT-VALUE}")
    double dropout;

    @Option(names = "--continue-training", description = "Start each round from the last round's weights.")
    boolean continueTraining;

    @Option(names = "--continue-min-steps", paramLabel = "N",
            description = "With --continue-training: the step floor of rounds that start from the last weights"
                    + " (default: --min-steps).")
    Integer continueMinSteps;

    @Option(names = "--target-train-accuracy", defaultValue = "0.95", paramLabel = "ACC",
            description = "Training accuracy each fit should reach; below it the schedule restarts from the current"
                    + " weights at half the peak learning rate, up to --max-cycles (0 = no target)."
                    + " Default: ${DEFAULT-VALUE}")
    double targetTrainAccuracy;

    @Option(names = "--max-cycles", defaultValue = "3", paramLabel = "N",
            description = "With --target-train-accuracy: the most schedule cycles per fit. Default: ${DEFAULT-VALUE}")
    int maxCycles;

    /**
     * The augmentation chosen.
     *
     * @return the augmentation
     * @throws IllegalArgumentException for an unknown name
     */
    Augmentation augmentation() {
        if (noAugment) {
            return Augmentation.NONE;
        }
        return switch (augmentation.toLowerCase(Locale.ROOT)) {
            case "none" -> Augmentation.NONE;
            case "crop" -> Augmentation.CROP;
            case "crop-flip", "crop_flip" -> Augmentation.CROP_FLIP;
            default -> throw new IllegalArgumentException(
                    "--augmentation must be none, crop or crop-flip, got '" + augmentation + "'");
        };
    }

    /**
     * Adds a line per invalid option to {@code problems}.
     *
     * @param problems where problems go
     */
    void validate(List<String> problems) {
        if (epochs < 1) {
            problems.add("--epochs must be >= 1, got " + epochs);
        }
        if (minSteps < 0) {
            problems.add("--min-steps must be >= 0, got " + minSteps);
        }
        if (maxSteps < 0) {
            problems.add("--max-steps must be >= 0 (0 = no cap), got " + maxSteps);
        } else if (maxSteps > 0 && minSteps > maxSteps) {
            problems.add("--min-steps " + minSteps + " exceeds --max-steps " + maxSteps);
        }
        if (batchSize < 1) {
            problems.add("--batch-size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            problems.add("--learning-rate must be positive, got " + learningRate);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            problems.add("--dropout must be in [0, 1), got " + dropout);
        }
        if (continueMinSteps != null && continueMinSteps < 0) {
            problems.add("--continue-min-steps must be >= 0, got " + continueMinSteps);
        }
        if (!(targetTrainAccuracy >= 0 && targetTrainAccuracy <= 1)) {
            problems.add("--target-train-accuracy must be in [0, 1] (0 = no target), got " + targetTrainAccuracy);
        }
        if (maxCycles < 1) {
            problems.add("--max-cycles must be >= 1, got " + maxCycles);
        }
        try {
            augmentation();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    /**
     * Adds a problem when a strategy needs Monte Carlo dropout passes but {@code --dropout} is 0.
     *
     * @param strategy the strategy's name
     * @param problems where problems go
     */
    void validateFor(String strategy, List<String> problems) {
        try {
            if (QueryStrategies.byName(strategy) instanceof StochasticSampling<?> && dropout == 0) {
                problems.add("--strategy " + strategy + " needs Monte Carlo dropout passes; set --dropout above 0"
                        + " (for example 0.25), got 0");
            }
        } catch (IllegalArgumentException e) {
            // an unknown name is reported where strategies are validated
        }
    }

    /**
     * Applies the recipe to a learner builder.
     *
     * @param builder the builder
     * @return the builder
     */
    ResNetLearnerBuilder configure(ResNetLearnerBuilder builder) {
        return builder.optEpochs(epochs).optMinSteps(minSteps).optMaxSteps(maxSteps).optBatchSize(batchSize)
                .optLearningRate(learningRate).optAugmentation(augmentation()).optDropout(dropout)
                .optContinueTraining(continueTraining)
                .optContinuedMinSteps(continueMinSteps == null ? -1 : continueMinSteps)
                .optTargetTrainAccuracy(targetTrainAccuracy).optMaxCycles(maxCycles);
    }

    /**
     * Every setting, by option name, for detecting a changed recipe.
     *
     * @return the settings in a fixed order
     */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs", String.valueOf(epochs));
        m.put("min-steps", String.valueOf(minSteps));
        m.put("max-steps", String.valueOf(maxSteps));
        m.put("batch-size", String.valueOf(batchSize));
        m.put("learning-rate", String.valueOf(learningRate));
        m.put("augmentation", augmentation().name());
        m.put("dropout", String.valueOf(dropout));
        m.put("continue-training", String.valueOf(continueTraining));
        if (continueTraining && continueMinSteps != null) {
            m.put("continue-min-steps", String.valueOf(continueMinSteps));
        }
        if (targetTrainAccuracy > 0) {
            m.put("target-train-accuracy", String.valueOf(targetTrainAccuracy));
            m.put("max-cycles", String.valueOf(maxCycles));
        }
        return m;
    }
}
