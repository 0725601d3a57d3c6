package org.activelearning.core;

import java.util.List;

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

    /** Releases engine resources. The default does nothing. */
    @Override
    default void close() {}
}
