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
     * Training starts: the optimizer steps it will take (a step floor or cap can make this differ
     * from epochs times batches) and the labeled examples. The default calls {@link
     * #trainingStarted(int, int, int)} with the epochs those steps span.
     *
     * @param steps optimizer steps of this fit
     * @param batchesPerEpoch batches in one pass over the labeled set
     * @param examples labeled examples
     */
    default void trainingPlanned(int steps, int batchesPerEpoch, int examples) {
        trainingStarted((steps + batchesPerEpoch - 1) / batchesPerEpoch, batchesPerEpoch, examples);
    }

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
