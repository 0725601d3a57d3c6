package org.activelearning.core;

import java.util.List;

/**
 * An optional capability of a {@link Learner}: mapping inputs to fixed-length feature vectors
 * (for example a network's penultimate layer), as used by diversity-based query strategies such as
 * core-sets (Sener and Savarese, ICLR 2018).
 *
 * <p>Strategies find it with {@link Learner#capability(Class)}, which sees through wrappers.
 *
 * @param <X> the input type
 */
public interface EmbeddingModel<X> {

    /**
     * The length of every embedding vector.
     *
     * @return the embedding dimension, positive
     */
    int embeddingSize();

    /**
     * Embeds the inputs, one row per input in the same order.
     *
     * @param inputs the inputs
     * @return {@code inputs.size()} rows of {@link #embeddingSize()} floats each
     */
    float[][] embed(List<X> inputs);
}
