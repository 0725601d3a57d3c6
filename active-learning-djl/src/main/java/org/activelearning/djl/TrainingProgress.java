package org.activelearning.djl;

/**
 * Observes training inside {@link ResNetLearner#fit}, for progress bars and logs. Methods have
 * no-op defaults and are called on the training thread.
 */
public interface TrainingProgress {

    /**
     * Training starts.
     *
     * @param epochs the number of epochs
     * @param batchesPerEpoch batches in each epoch
     * @param examples labeled examples
     */
    default void trainingStarted(int epochs, int batchesPerEpoch, int examples) {}

    /**
     * A batch was trained.
     *
     * @param epoch the epoch, from 1
     * @param batch the batch within the epoch, from 1
     * @param loss the batch's mean training loss
     */
    default void batchTrained(int epoch, int batch, float loss) {}

    /**
     * An epoch ended.
     *
     * @param epoch the epoch, from 1
     * @param meanLoss the epoch's mean training loss
     */
    default void epochEnded(int epoch, float meanLoss) {}

    /** Training ended. */
    default void trainingFinished() {}
}
