package org.activelearning.djl;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link ResNetLearner}: {@code ResNetLearner.builder()}; {@code set*} is required, {@code
 * opt*} optional, and {@link #build()} checks every setting at once.
 */
public final class ResNetLearnerBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ResNetLearnerBuilder.class);
    ResNet18.Stem stem = ResNet18.Stem.CIFAR;
    Pretrained pretrained;
    List<String> classNames;
    int epochs = 10;
    int minSteps;
    int maxSteps;
    float dropout;
    int batchSize = 64;
    Integer scoringBatchSize;
    float learningRate = 0.02f;
    float momentum = 0.9f;
    float weightDecay = 5e-4f;
    Augmentation augmentation = Augmentation.CROP_FLIP;
    boolean continueTraining;
    int continuedMinSteps = -1;
    double targetTrainAccuracy;
    int maxCycles = 3;
    Normalization normalization = Normalization.MINUS_ONE_TO_ONE;
    String deviceChoice = "auto";
    Device[] devices;
    long seed = 42;
    TrainingProgress progress = new TrainingProgress() {};
    int channels = 3;
    int height = 32;
    int width = 32;

    ResNetLearnerBuilder() {}

    /**
     * Sets the class names; their count is the number of outputs.
     *
     * @param names the names, in label order
     * @return this builder
     */
    public ResNetLearnerBuilder setClassNames(List<String> names) {
        this.classNames = names;
        return this;
    }

    /**
     * Sets the stem (default CIFAR).
     *
     * @param stem the stem
     * @return this builder
     */
    public ResNetLearnerBuilder optStem(ResNet18.Stem stem) {
        this.stem = stem;
        return this;
    }

    /**
     * Fine-tunes pretrained weights instead of training from scratch (the stem is then the
     * pretrained network's, ImageNet).
     *
     * @param source where the weights come from, or null for none
     * @return this builder
     */
    public ResNetLearnerBuilder optPretrained(Pretrained source) {
        this.pretrained = source;
        return this;
    }

    /**
     * Sets the epochs per round (default 10).
     *
     * @param epochs epochs, positive
     * @return this builder
     */
    public ResNetLearnerBuilder optEpochs(int epochs) {
        this.epochs = epochs;
        return this;
    }

    /**
     * Sets the least number of optimizer steps per fit (default 0). A few hundred labels make
     * only a handful of batches per epoch; without a floor, ten epochs are a few dozen steps and
     * the model has not learned yet, so its uncertainty is noise. The cosine schedule spans the
     * steps actually taken.
     *
     * @param steps the floor, {@code >= 0}
     * @return this builder
     */
    public ResNetLearnerBuilder optMinSteps(int steps) {
        this.minSteps = steps;
        return this;
    }

    /**
     * Caps the optimizer steps per fit (default 0: no cap), bounding the cost of large labeled
     * sets; the epochs are cut short when the cap is reached.
     *
     * @param steps the cap, {@code >= 0}; 0 for none
     * @return this builder
     */
    public ResNetLearnerBuilder optMaxSteps(int steps) {
        this.maxSteps = steps;
        return this;
    }

    /**
     * Sets the training accuracy a fit should reach (default 0: none). A fit that ends below it,
     * measured on the labeled set without augmentation, restarts its cosine schedule from the
     * current weights at half the previous peak learning rate, for as many steps again, until the
     * target or {@link #optMaxCycles} is reached, within {@link #optMaxSteps}. Fits that reach the
     * target in their first cycle train exactly as without one.
     *
     * @param target the accuracy in {@code [0, 1]}, 0 for none
     * @return this builder
     */
    public ResNetLearnerBuilder optTargetTrainAccuracy(double target) {
        this.targetTrainAccuracy = target;
        return this;
    }

    /**
     * Sets the most cosine cycles one fit may take to reach {@link #optTargetTrainAccuracy} (default
     * 3, so a fit costs at most three times its planned steps).
     *
     * @param cycles the cap, at least 1
     * @return this builder
     */
    public ResNetLearnerBuilder optMaxCycles(int cycles) {
        this.maxCycles = cycles;
        return this;
    }

    /**
     * Sets the dropout rate before the classifier (default 0: none). Dropout is applied in
     * training and in {@link ResNetLearner#predictStochastic} (Monte Carlo dropout, for BALD),
     * never in ordinary prediction.
     *
     * @param rate the rate, in {@code [0, 1)}
     * @return this builder
     */
    public ResNetLearnerBuilder optDropout(double rate) {
        this.dropout = (float) rate;
        return this;
    }

    /**
     * Sets the training batch size (default 64).
     *
     * @param size batch size, positive
     * @return this builder
     */
    public ResNetLearnerBuilder optBatchSize(int size) {
        this.batchSize = size;
        return this;
    }

    /**
     * Sets the scoring batch size. The default is 256, except for the CIFAR stem on a CPU: there
     * a layer's activations for 256 images take 64 MB, far beyond the cache, and batches of 64
     * scored about 1.3 to 2 times faster on a 2-core CPU in the project's scoring benchmark.
     *
     * @param size batch size, positive
     * @return this builder
     */
    public ResNetLearnerBuilder optScoringBatchSize(int size) {
        this.scoringBatchSize = size;
        return this;
    }

    /**
     * Sets the peak learning rate of the cosine schedule (default 0.02).
     *
     * @param lr the learning rate, positive
     * @return this builder
     */
    public ResNetLearnerBuilder optLearningRate(float lr) {
        this.learningRate = lr;
        return this;
    }

    /**
     * Sets the SGD momentum (default 0.9).
     *
     * @param m momentum in {@code [0, 1)}
     * @return this builder
     */
    public ResNetLearnerBuilder optMomentum(float m) {
        this.momentum = m;
        return this;
    }

    /**
     * Sets the weight decay (default 5e-4).
     *
     * @param wd weight decay, {@code >= 0}
     * @return this builder
     */
    public ResNetLearnerBuilder optWeightDecay(float wd) {
        this.weightDecay = wd;
        return this;
    }

    /**
     * Turns augmentation on or off (default on: {@link Augmentation#CROP_FLIP}).
     *
     * @param augment true to crop and flip randomly
     * @return this builder
     */
    public ResNetLearnerBuilder optAugmentation(boolean augment) {
        this.augmentation = augment ? Augmentation.CROP_FLIP : Augmentation.NONE;
        return this;
    }

    /**
     * Chooses the augmentation (default {@link Augmentation#CROP_FLIP}; use {@link
     * Augmentation#CROP} where a mirror image is another class, as for digits).
     *
     * @param augmentation the augmentation
     * @return this builder
     */
    public ResNetLearnerBuilder optAugmentation(Augmentation augmentation) {
        this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
        return this;
    }

    /**
     * Continues each round from the previous round's weights (default false: fresh weights).
     *
     * @param continueTraining true to continue
     * @return this builder
     */
    public ResNetLearnerBuilder optContinueTraining(boolean continueTraining) {
        this.continueTraining = continueTraining;
        return this;
    }

    /**
     * In continue mode, the step floor of fits that start from the previous round's weights
     * (default: the same as {@link #optMinSteps}); the first fit, from fresh weights, keeps the
     * full floor. A short schedule here is the "warm start" of continued training.
     *
     * @param steps the floor, {@code >= 0}
     * @return this builder
     */
    public ResNetLearnerBuilder optContinuedMinSteps(int steps) {
        this.continuedMinSteps = steps;
        return this;
    }

    /**
     * Sets the input normalization (default {@link Normalization#MINUS_ONE_TO_ONE}).
     *
     * @param normalization the normalization
     * @return this builder
     */
    public ResNetLearnerBuilder optNormalization(Normalization normalization) {
        this.normalization = normalization;
        return this;
    }

    /**
     * Chooses the devices: {@code auto} (default), {@code cpu}, {@code gpu} or {@code gpu:N}.
     *
     * @param choice the choice
     * @return this builder
     */
    public ResNetLearnerBuilder optDevice(String choice) {
        this.deviceChoice = choice;
        return this;
    }

    /**
     * Sets the seed for initialization, shuffling and augmentation (default 42).
     *
     * @param seed the seed
     * @return this builder
     */
    public ResNetLearnerBuilder optSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Sets a training progress observer.
     *
     * @param progress the observer
     * @return this builder
     */
    public ResNetLearnerBuilder optTrainingProgress(TrainingProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /**
     * Sets the input shape (default 3x32x32).
     *
     * @param channels channels
     * @param height height
     * @param width width
     * @return this builder
     */
    public ResNetLearnerBuilder optInputShape(int channels, int height, int width) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        return this;
    }

    /**
     * Checks every setting and builds the learner (no network exists until the first fit).
     *
     * @return the learner
     * @throws IllegalArgumentException naming every invalid setting
     */
    public ResNetLearner build() {
        List<String> problems = new ArrayList<>();
        if (classNames == null || classNames.size() < 2) {
            problems.add("setClassNames needs at least 2 classes, got "
                    + (classNames == null ? "none" : classNames.size()));
        }
        problems.addAll(TrainingRecipe.problems(epochs, minSteps, maxSteps, batchSize, learningRate, momentum,
                weightDecay, dropout, continuedMinSteps));
        problems.addAll(TrainingRecipe.targetProblems(targetTrainAccuracy, maxCycles));
        if (scoringBatchSize != null && scoringBatchSize < 1) {
            problems.add("scoring batch size must be >= 1, got " + scoringBatchSize);
        }
        if (channels != normalization.mean().length) {
            problems.add("normalization has " + normalization.mean().length + " channels but images have "
                    + channels);
        }
        if (height < 8 || width < 8) {
            problems.add("input must be at least 8x8, got " + height + "x" + width);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid ResNet-18 learner: " + String.join("; ", problems));
        }
        devices = trainingDevices(Devices.resolve(deviceChoice), pretrained != null);
        return new ResNetLearner(this);
    }

    /** The validated recipe of the learner being built. */
    TrainingRecipe recipe() {
        return new TrainingRecipe(epochs, minSteps, maxSteps, batchSize, learningRate, momentum, weightDecay,
                augmentation, dropout, continueTraining, continuedMinSteps, targetTrainAccuracy, maxCycles);
    }

    /** 64 for the full-resolution CIFAR stem on a CPU, where large batches fall out of cache; else 256. */
    static int defaultScoringBatchSize(ResNet18.Stem stem, boolean pretrained, Device scoringDevice) {
        boolean cpu = !scoringDevice.isGpu();
        return cpu && !pretrained && stem == ResNet18.Stem.CIFAR ? 64 : 256;
    }

    /**
     * Narrows data-parallel training to the first device for a TorchScript backbone: DJL's
     * {@code PtSymbolBlock} runs the module's own weights, not the per-device copies the Trainer
     * makes, so splitting its batches across devices would compute with weights on the wrong device.
     */
    static Device[] trainingDevices(Device[] resolved, boolean torchScriptBackbone) {
        if (torchScriptBackbone && resolved.length > 1) {
            LOG.warn("A pretrained TorchScript backbone trains on one device: using {} of {}", resolved[0],
                    Arrays.toString(resolved));
            return new Device[] {resolved[0]};
        }
        return resolved;
    }
}
