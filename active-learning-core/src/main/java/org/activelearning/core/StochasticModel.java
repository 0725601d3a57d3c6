package org.activelearning.core;

import java.util.List;

/**
 * An optional capability of a {@link Learner}: several stochastic predictions of the same inputs,
 * such as Monte Carlo dropout passes (Gal and Ghahramani, ICML 2016), from which Bayesian query
 * strategies such as BALD (Houlsby et al. 2011; Gal, Islam and Ghahramani, ICML 2017) measure how
 * much the model's possible explanations disagree.
 *
 * <p>Strategies find it with {@link Learner#capability(Class)}, which sees through wrappers.
 *
 * @param <X> the input type
 */
public interface StochasticModel<X> {

    /**
     * Predicts class probabilities {@code passes} times with independent randomness.
     *
     * @param inputs the inputs
     * @param passes how many stochastic passes, positive
     * @param seed fixes the randomness: the same seed gives the same passes
     * @return {@code passes} matrices of {@code inputs.size() x classes} probabilities
     */
    Probabilities[] predictStochastic(List<X> inputs, int passes, long seed);
}
