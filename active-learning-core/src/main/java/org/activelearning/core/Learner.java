package org.activelearning.core;

import java.util.List;
import java.util.Optional;

/**
 * A trainable probabilistic classifier: the model inside the active-learning loop.
 *
 * <p>Implementations own their engine resources and release them in {@link #close()}. Inputs and
 * outputs are plain Java objects and heap arrays, never engine tensors, so that query strategies
 * and oracles stay independent of the engine.
 *
 * @param <X> the input type (an image view, a feature vector, a document, ...)
 * @param <Y> the label type
 */
public interface Learner<X, Y> extends AutoCloseable {

    /** Metric name of the training loss at the end of the last fit, in {@link #trainingMetrics()}. */
    String TRAIN_LOSS = "train_loss";
    /** Metric name of the accuracy on the labeled set at the end of the last fit. */
    String TRAIN_ACCURACY = "train_accuracy";
    /** Metric name of the optimizer steps the last fit took. */
    String TRAIN_STEPS = "train_steps";
    /** Metric name of the seconds the last fit took. */
    String TRAIN_SECONDS = "train_seconds";

    /**
     * The classes this learner predicts, in the column order of {@link #predictProbabilities}.
     *
     * @return an unmodifiable list of the classes; never empty
     */
    List<Y> classes();

    /**
     * Trains on the labeled examples. Whether training starts from fresh weights or continues from
     * the previous call is the implementation's documented choice.
     *
     * @param labeled the labeled examples, in a deterministic order; never empty
     */
    void fit(List<LabeledExample<X, Y>> labeled);

    /**
     * Predicts class probabilities for the inputs, one row per input in the same order.
     *
     * @param inputs the inputs to score; may be empty
     * @return a {@code inputs.size() x classes().size()} probability matrix
     */
    Probabilities predictProbabilities(List<X> inputs);

    /**
     * What the last {@link #fit} measured, such as {@link #TRAIN_LOSS}, {@link #TRAIN_ACCURACY}
     * and {@link #TRAIN_STEPS}. The loop adds these to each round's metrics, so that an
     * under-trained model is visible next to its test accuracy. The default is empty.
     *
     * @return the metrics of the last fit, or {@link Metrics#EMPTY}
     */
    default Metrics trainingMetrics() {
        return Metrics.EMPTY;
    }

    /**
     * Looks up an optional capability such as {@link EmbeddingModel} or {@link StochasticModel}.
     * The default answers for this object itself; a wrapper (for timing, logging, caching)
     * overrides it to answer for what it wraps, so strategies keep working through it.
     *
     * @param type the capability interface
     * @param <C> the capability type
     * @return this learner (or the learner it wraps) as that type, or empty
     */
    default <C> Optional<C> capability(Class<C> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /** Releases engine resources. The default does nothing. */
    @Override
    default void close() {}
}
