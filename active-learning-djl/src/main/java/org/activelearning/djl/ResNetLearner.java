package org.activelearning.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.translate.Batchifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.activelearning.core.EmbeddingModel;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Learner;
import org.activelearning.core.Metrics;
import org.activelearning.core.StochasticModel;
import org.activelearning.core.Probabilities;
import org.activelearning.djl.data.PlanarImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ResNet-18 image classifier on DJL's PyTorch engine, as an active-learning {@link Learner}.
 *
 * <p>Training uses cross-entropy and SGD with momentum, weight decay and a cosine learning-rate
 * schedule over the round's updates, on every device chosen (all GPUs DJL reports by default,
 * otherwise the CPU; batches are split across devices). By default each round starts from fresh
 * weights, so a round's model depends only on its labels (as in most active-learning studies);
 * {@link ResNetLearnerBuilder#optContinueTraining(boolean)} keeps the previous round's weights instead.
 * Augmentation (random crop with 4-pixel zero padding and horizontal flip) is on by default.
 *
 * <p>Scoring runs batched forward passes and a softmax on the first device; images stay {@code
 * uint8} until a batch is built, and each batch's arrays live in a sub-manager closed before the
 * next batch, so results leave as heap arrays and memory stays flat across rounds.
 *
 * <p>Defaults follow the reference recipe for CIFAR-10: batch size 64, 10 epochs, learning rate
 * 0.02 (peak of the cosine schedule; 0.05 was less stable with a few hundred labels), momentum 0.9, weight
 * decay 5e-4, inputs normalized to {@code [-1, 1]}.
 *
 * <p>A round trains for {@code epochs} passes, but at least {@link ResNetLearnerBuilder#optMinSteps} and at most
 * {@link ResNetLearnerBuilder#optMaxSteps} optimizer steps, with the cosine schedule spanning exactly the steps
 * taken: 200 labels are only 4 batches, so 10 epochs would be 40 steps, which leaves the model
 * untrained (23% training accuracy on MNIST) and its uncertainty noise. {@link #trainingMetrics()}
 * reports the loss and accuracy on the labeled set after each fit so that this stays visible. With
 * {@link ResNetLearnerBuilder#optTargetTrainAccuracy} a fit that ends below the target restarts its schedule
 * from the current weights at half the peak learning rate, until the target or
 * {@link ResNetLearnerBuilder#optMaxCycles}.
 * Optional dropout before the classifier ({@link ResNetLearnerBuilder#optDropout}) also enables Monte Carlo
 * dropout passes ({@link #predictStochastic}) for Bayesian strategies such as BALD.
 */
public final class ResNetLearner
        implements Learner<PlanarImage, Integer>, EmbeddingModel<PlanarImage>, StochasticModel<PlanarImage> {

    private static final Logger LOG = LoggerFactory.getLogger(ResNetLearner.class);

    private final ResNet18.Stem stem;
    private final TrainingRecipe recipe;
    private final Pretrained pretrained;
    private final List<Integer> classes;
    private final List<String> classNames;
    private final int scoringBatchSize;
    private final Normalization normalization;
    private final Device[] devices;
    private final long seed;
    private final TrainingProgress progress;
    private final int channels;
    private final int height;
    private final int width;

    private ResNetNetwork net;
    private final ImageBatcher batcher;
    private Metrics lastFit = Metrics.EMPTY;
    private boolean trainedSinceNewNetwork;
    private int fits;
    private boolean closed;

    ResNetLearner(ResNetLearnerBuilder b) {
        this.stem = b.stem;
        this.recipe = b.recipe();
        this.pretrained = b.pretrained;
        this.classNames = List.copyOf(b.classNames);
        this.classes = IntStream.range(0, classNames.size()).boxed().toList();
        this.scoringBatchSize = b.scoringBatchSize != null
                ? b.scoringBatchSize
                : ResNetLearnerBuilder.defaultScoringBatchSize(b.stem, b.pretrained != null, b.devices[0]);
        this.normalization = b.normalization;
        this.devices = b.devices;
        this.seed = b.seed;
        this.progress = b.progress;
        this.channels = b.channels;
        this.height = b.height;
        this.width = b.width;
        this.batcher = new ImageBatcher(channels, height, width, normalization);
    }

    /**
     * Starts a builder.
     *
     * @return the builder
     */
    public static ResNetLearnerBuilder builder() {
        return new ResNetLearnerBuilder();
    }

    @Override
    public List<Integer> classes() {
        return classes;
    }

    /**
     * The class names, in class-index order.
     *
     * @return the names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The number of images per scoring forward pass, as set or as defaulted for the stem and device.
     *
     * @return the scoring batch size
     */
    public int scoringBatchSize() {
        return scoringBatchSize;
    }

    /**
     * The devices training runs on; the first also scores.
     *
     * @return a copy of the devices
     */
    public Device[] devices() {
        return devices.clone();
    }

    /**
     * A name for the architecture, stored in checkpoints.
     *
     * @return for example {@code resnet18-cifar-stem}
     */
    public String architecture() {
        return pretrained != null ? "resnet18-torchscript(" + pretrained.description() + ")"
                : "resnet18-" + stem.name().toLowerCase() + "-stem";
    }

    /**
     * The number of trainable parameters of the current network.
     *
     * @return the count, or 0 before the network exists
     */
    public long trainableParameters() {
        if (net == null) {
            return 0;
        }
        long n = 0;
        for (Parameter p : net.block().getParameters().values()) {
            if (p.requiresGradient() && p.getArray() != null) {
                n += p.getArray().getShape().size();
            }
        }
        return n;
    }

    @Override
    public void fit(List<LabeledExample<PlanarImage, Integer>> labeled) {
        ensureOpen();
        for (LabeledExample<PlanarImage, Integer> e : labeled) {
            batcher.check(e.input());
            if (e.label() < 0 || e.label() >= classes.size()) {
                throw new IllegalArgumentException("Label " + e.label() + " of id " + e.id() + " is outside the "
                        + classes.size() + " classes 0.." + (classes.size() - 1));
            }
        }
        if (labeled.size() < 2) {
            throw new IllegalArgumentException("Cannot train on " + labeled.size() + " labeled image"
                    + (labeled.isEmpty() ? "s" : "") + ": ResNet-18's batch normalization needs at least 2; label "
                    + "more images first");
        }
        fits++;
        Engine.getEngine("PyTorch").setRandomSeed((int) (seed + 7919L * fits));
        boolean continuing = recipe.continueTraining() && net != null && trainedSinceNewNetwork;
        if (net == null || (!recipe.continueTraining() && trainedSinceNewNetwork)) {
            newNetwork();
        } else if (continuing) {
            // carry the weights into a new Model: each DJL Trainer leaves one array per trainable parameter
            // (gradient handles) in the model's manager, released only with the model; without this the
            // manager grew by 62 arrays a round (see ResNetLearnerTest)
            byte[] weights = net.parameterBytes();
            newNetwork();
            net.loadParameterBytes(weights);
        }
        trainedSinceNewNetwork = true;
        long t0 = System.nanoTime();
        int n = labeled.size();
        int batches = batchCount(n, recipe.batchSize());
        int cycleSteps = recipe.steps(batches, continuing);
        RestartingCosine lr = new RestartingCosine();
        lr.addCycle(recipe.cyclePeak(1), cycleSteps);
        OwnedStateSgd sgd = OwnedStateSgd.create(lr, recipe.momentum(), recipe.weightDecay(), devices.length,
                net.manager());
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(sgd)
                .optDevices(devices);
        LossCapture capture = new LossCapture();
        config.addTrainingListeners(capture);
        SplittableRandom rnd = new SplittableRandom(seed * 31 + fits);
        int[] order = IntStream.range(0, n).toArray();
        int steps = 0;
        try (sgd; Trainer trainer = net.model().newTrainer(config)) {
            trainer.initialize(new Shape(1, channels, height, width));
            while (true) {
                trainCycle(trainer, labeled, order, rnd, capture, batches, cycleSteps);
                steps += cycleSteps;
                lastFit = measureFit(labeled, steps, (System.nanoTime() - t0) / 1e9);
                double accuracy = lastFit.get(TRAIN_ACCURACY).orElse(Double.NaN);
                int cycles = lr.cycleCount();
                if (!recipe.anotherCycle(cycles, cycleSteps, accuracy)) {
                    if (recipe.targetTrainAccuracy() > 0 && accuracy < recipe.targetTrainAccuracy()) {
                        LOG.warn("Training accuracy {} is still below the target {} after {} cycle(s) of {} steps; "
                                + "the model may be under-trained", accuracy, recipe.targetTrainAccuracy(), cycles,
                                cycleSteps);
                    }
                    break;
                }
                LOG.info("Training accuracy {} is below the target {}: restarting the schedule for {} more steps "
                        + "at peak learning rate {}", accuracy, recipe.targetTrainAccuracy(), cycleSteps,
                        recipe.cyclePeak(cycles + 1));
                lr.addCycle(recipe.cyclePeak(cycles + 1), cycleSteps);
            }
        }
        LOG.info("Trained on {} labels: {} steps, training loss {}, training accuracy {}", n, steps,
                lastFit.get(TRAIN_LOSS).orElse(Double.NaN), lastFit.get(TRAIN_ACCURACY).orElse(Double.NaN));
    }

    /** One cosine cycle of {@code steps} optimizer steps, in epochs over a fresh shuffle each. */
    private void trainCycle(Trainer trainer, List<LabeledExample<PlanarImage, Integer>> labeled, int[] order,
            SplittableRandom rnd, LossCapture capture, int batches, int steps) {
        int n = labeled.size();
        int plannedEpochs = (steps + batches - 1) / batches;
        progress.trainingPlanned(steps, batches, n);
        try {
            int step = 0;
            for (int epoch = 1; step < steps; epoch++) {
                shuffle(order, rnd);
                double lossSum = 0;
                int epochBatches = Math.min(batches, steps - step);
                for (int b = 0; b < epochBatches; b++, step++) {
                    int from = b * recipe.batchSize();
                    int to = b == batches - 1 ? n : Math.min(n, from + recipe.batchSize());
                    List<PlanarImage> images = new ArrayList<>(to - from);
                    float[] targets = new float[to - from];
                    for (int i = from; i < to; i++) {
                        LabeledExample<PlanarImage, Integer> e = labeled.get(order[i]);
                        images.add(e.input());
                        targets[i - from] = e.label();
                    }
                    NDManager bm = trainer.getManager().newSubManager();
                    NDList input = new NDList(batcher.toInput(bm, images, rnd, recipe.augmentation()));
                    try (Batch batch = new Batch(bm, input,
                            new NDList(bm.create(targets)), images.size(), Batchifier.STACK, Batchifier.STACK,
                            step, steps)) {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                        float loss = capture.last;
                        lossSum += loss;
                        progress.batchTrained(epoch, b + 1, loss);
                    }
                }
                float mean = (float) (lossSum / epochBatches);
                if (!Float.isFinite(mean)) {
                    throw new IllegalStateException("Training diverged in epoch " + epoch + " (loss " + mean
                            + "); lower the learning rate (now " + recipe.learningRate() + ")");
                }
                progress.epochEnded(epoch, mean);
                LOG.debug("Epoch {}/{}: mean loss {}", epoch, plannedEpochs, mean);
            }
        } finally {
            progress.trainingFinished();
        }
    }

    /**
     * Batches per epoch. Batch normalization cannot train on a batch of one image (its statistics
     * are undefined: 9 labels in batches of 8 failed), so a single leftover image joins the last
     * full batch instead.
     *
     * @param n labeled examples, at least 2
     * @param batchSize the batch size
     * @return the number of batches; the last one takes every remaining example
     */
    static int batchCount(int n, int batchSize) {
        int full = n / batchSize;
        int rest = n % batchSize;
        return rest == 1 && full > 0 ? full : full + (rest > 0 ? 1 : 0);
    }

    /** Loss and accuracy of the trained network on its own labeled set (inference mode, no augmentation). */
    private Metrics measureFit(List<LabeledExample<PlanarImage, Integer>> labeled, int steps, double seconds) {
        List<PlanarImage> inputs = new ArrayList<>(labeled.size());
        for (LabeledExample<PlanarImage, Integer> e : labeled) {
            inputs.add(e.input());
        }
        float[] p = forwardAll(inputs, net.block(), classes.size(), true);
        double loss = 0;
        int correct = 0;
        int c = classes.size();
        for (int i = 0; i < labeled.size(); i++) {
            int y = labeled.get(i).label();
            loss -= Math.log(Math.max(p[i * c + y], 1e-12f));
            int best = 0;
            for (int j = 1; j < c; j++) {
                if (p[i * c + j] > p[i * c + best]) {
                    best = j;
                }
            }
            if (best == y) {
                correct++;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(TRAIN_LOSS, loss / labeled.size());
        m.put(TRAIN_ACCURACY, (double) correct / labeled.size());
        m.put(TRAIN_STEPS, (double) steps);
        m.put(TRAIN_SECONDS, seconds);
        return new Metrics(m);
    }

    /**
     * What the last {@link #fit} measured: {@code train_loss} and {@code train_accuracy} (the
     * trained network on its own labeled set, without augmentation), {@code train_steps} and
     * {@code train_seconds}. A training accuracy far below 1 means the model is under-trained and
     * its uncertainty is noise: raise the minimum steps.
     *
     * @return the metrics, empty before the first fit
     */
    @Override
    public Metrics trainingMetrics() {
        return lastFit;
    }

    /** Records the mean loss of the last trained batch, over all devices. */
    private static final class LossCapture extends ai.djl.training.listener.TrainingListenerAdapter {
        private float last = Float.NaN;

        @Override
        public void onTrainingBatch(Trainer trainer, BatchData data) {
            float sum = 0;
            int count = 0;
            for (Device d : data.getLabels().keySet()) {
                try (NDArray l = trainer.getLoss().evaluate(data.getLabels().get(d), data.getPredictions().get(d))) {
                    sum += l.getFloat();
                    count++;
                }
            }
            last = count == 0 ? Float.NaN : sum / count;
        }
    }

    @Override
    public Probabilities predictProbabilities(List<PlanarImage> inputs) {
        float[] out = forwardAll(inputs, net == null ? null : net.block(), classes.size(), true);
        return Probabilities.wrap(inputs.size(), classes.size(), out);
    }

    /**
     * Whether the network has been trained (or loaded from a checkpoint), so that predictions mean
     * something.
     *
     * @return true once {@link #fit} or {@link #loadCheckpoint} has completed
     */
    public boolean isTrained() {
        return net != null && trainedSinceNewNetwork;
    }

    /**
     * Creates the network now rather than at the first {@link #fit}, so that a pretrained source
     * that cannot be loaded fails before any other work starts.
     *
     * @throws IllegalStateException if pretrained weights cannot be loaded
     */
    public void prepare() {
        ensureOpen();
        if (net == null) {
            newNetwork();
        }
    }

    @Override
    public int embeddingSize() {
        if (net == null) {
            if (pretrained == null) {
                return ResNet18.FEATURES;
            }
            prepare(); // a pretrained backbone's width is known once it is loaded
        }
        return net.featureSize();
    }

    @Override
    public float[][] embed(List<PlanarImage> inputs) {
        ensureTrained();
        int d = net.featureSize();
        float[] flat = forwardAll(inputs, net.features(), d, false);
        float[][] rows = new float[inputs.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return rows;
    }

    /**
     * Monte Carlo dropout (Gal and Ghahramani, ICML 2016): the penultimate features are computed
     * once in inference mode, then each pass drops each feature with the learner's dropout rate
     * (scaling the rest by {@code 1 / (1 - rate)}, as in training) before the classifier. Batch
     * normalization stays in inference mode; masks come from {@code seed}, so the passes are
     * reproducible. Ordinary prediction never drops anything.
     *
     * @throws IllegalStateException if the learner was built without dropout
     */
    @Override
    public Probabilities[] predictStochastic(List<PlanarImage> inputs, int passes, long seed) {
        ensureTrained();
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be >= 1, got " + passes);
        }
        if (!(recipe.dropout() > 0)) {
            throw new IllegalStateException("Stochastic passes need dropout; build the learner with optDropout(rate), "
                    + "for example 0.25 (now " + recipe.dropout() + ")");
        }
        int c = classes.size();
        float[][] out = new float[passes][inputs.size() * c];
        int d = net.featureSize();
        float[] feats = forwardAll(inputs, net.features(), d, false);
        SplittableRandom rnd = new SplittableRandom(seed);
        float keep = 1f - recipe.dropout();
        Device device = devices[0];
        for (int from = 0; from < inputs.size(); from += scoringBatchSize) {
            int rows = Math.min(inputs.size(), from + scoringBatchSize) - from;
            try (NDManager sub = net.manager().newSubManager(device)) {
                NDArray f = sub.create(Arrays.copyOfRange(feats, from * d, (from + rows) * d),
                        new Shape(rows, d));
                float[] mask = new float[rows * d];
                for (int t = 0; t < passes; t++) {
                    for (int i = 0; i < mask.length; i++) {
                        mask[i] = rnd.nextFloat() < keep ? 1f / keep : 0f;
                    }
                    try (NDManager pass = sub.newSubManager()) {
                        NDArray x = f.mul(pass.create(mask, new Shape(rows, d)));
                        x.attach(pass);
                        NDArray y = net.head().forward(new ParameterStore(pass, false), new NDList(x), false)
                                .singletonOrThrow().softmax(1);
                        float[] v = y.toFloatArray();
                        System.arraycopy(v, 0, out[t], from * c, v.length);
                    }
                }
            }
        }
        Probabilities[] result = new Probabilities[passes];
        for (int t = 0; t < passes; t++) {
            result[t] = Probabilities.wrap(inputs.size(), c, out[t]);
        }
        return result;
    }

    private float[] forwardAll(List<PlanarImage> inputs, Block block, int width, boolean softmax) {
        ensureTrained();
        for (PlanarImage image : inputs) {
            batcher.check(image);
        }
        float[] out = new float[inputs.size() * width];
        Device device = devices[0];
        for (int from = 0; from < inputs.size(); from += scoringBatchSize) {
            int to = Math.min(inputs.size(), from + scoringBatchSize);
            try (NDManager sub = net.manager().newSubManager(device)) {
                NDArray x = batcher.toInput(sub, inputs.subList(from, to), null, Augmentation.NONE);
                NDArray y = block.forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow();
                if (softmax) {
                    y = y.softmax(1);
                }
                float[] values = y.toFloatArray();
                System.arraycopy(values, 0, out, from * width, values.length);
            }
        }
        return out;
    }

    private void newNetwork() {
        closeNetwork();
        net = ResNetNetwork.create(architecture(), stem, pretrained, classes.size(), recipe.dropout(), devices[0],
                new Shape(1, channels, height, width));
        batcher.attach(net.manager());
        trainedSinceNewNetwork = false;
    }

    /**
     * Saves the current weights with a header naming the architecture and classes.
     *
     * @param file the checkpoint file (written atomically)
     * @throws IOException if writing fails
     */
    public void saveCheckpoint(Path file) throws IOException {
        ensureTrained();
        CheckpointFormat.write(file, architecture(), classNames, net.block());
    }

    /**
     * Loads weights saved by {@link #saveCheckpoint}. With {@link ResNetLearnerBuilder#optContinueTraining}
     * the next round continues from them.
     *
     * @param file the checkpoint
     * @throws IOException if the file cannot be read or is not a checkpoint
     * @throws IllegalArgumentException if it holds another architecture or other class names
     */
    public void loadCheckpoint(Path file) throws IOException {
        ensureOpen();
        CheckpointFormat.read(file, architecture(), classNames, new CheckpointFormat.NetworkFactory() {
            @Override
            public Block newNetwork() {
                ResNetLearner.this.newNetwork();
                return net.block();
            }

            @Override
            public NDManager manager() {
                return net.manager();
            }
        });
        // fresh-weights mode starts the next round anew; continue mode starts from these weights
        trainedSinceNewNetwork = true;
    }

    /** The classifier block after the embedding (dropout is the identity at inference), for tests. */
    Block headForTests() {
        ensureTrained();
        return net.head();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("This learner is closed");
        }
    }

    private void ensureTrained() {
        ensureOpen();
        if (net == null) {
            throw new IllegalStateException("The learner has not been trained yet; call fit(...) or loadCheckpoint(...) "
                    + "before predicting");
        }
    }

    private static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void closeNetwork() {
        if (net != null) {
            net.close();
            net = null;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeNetwork();
        }
    }
}
