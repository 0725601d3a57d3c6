package org.activelearning.spark;

import java.io.IOException;
import org.activelearning.djl.ResNetLearner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model of the current round in this JVM: loaded from the driver's checkpoint by the first task
 * that needs it and shared by every later task of the round (Spark runs several tasks per executor
 * JVM), then closed when a task brings a newer checkpoint. Scoring on the shared model is
 * serialized (its batcher is not thread-safe, and one forward pass already uses every core through
 * the engine's own threads), while the tasks decode their images in parallel.
 */
final class ExecutorModels {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorModels.class);

    private static String current;
    private static ResNetLearner model;
    private static int loads;

    private ExecutorModels() {}

    /**
     * The learner holding this checkpoint, loading it if this JVM holds another one or none.
     *
     * @param checkpoint the round's checkpoint
     * @param factory builds an empty learner of the right architecture
     * @return the shared learner; synchronize on it to score
     * @throws IOException if the checkpoint cannot be read
     */
    static synchronized ResNetLearner get(PublishedCheckpoint checkpoint, LearnerFactory factory) throws IOException {
        if (checkpoint.sha256().equals(current) && model != null) {
            return model;
        }
        if (model != null) {
            model.close();
            model = null;
            current = null;
        }
        ResNetLearner learner = factory.create();
        try {
            learner.loadCheckpoint(CheckpointShipping.localFile(checkpoint));
        } catch (IOException | RuntimeException e) {
            learner.close();
            throw new IOException("An executor cannot load the model checkpoint " + checkpoint.uri() + ": " + e, e);
        }
        model = learner;
        current = checkpoint.sha256();
        loads++;
        LOG.info("Loaded the model checkpoint {} in this executor", checkpoint.uri());
        return model;
    }

    /**
     * How many times this JVM has loaded a checkpoint, for tests.
     *
     * @return the count
     */
    static synchronized int loads() {
        return loads;
    }
}
