package org.activelearning.core;

/**
 * Measures a trained learner, typically on a held-out labeled set, once per round.
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
@FunctionalInterface
public interface Evaluator<X, Y> {

    /**
     * Evaluates the learner.
     *
     * @param learner the learner, just trained
     * @return the metrics
     */
    Metrics evaluate(Learner<X, Y> learner);
}
