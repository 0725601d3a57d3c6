package org.activelearning.core.strategy;

import org.activelearning.core.Probabilities;

/**
 * A pure function from several stochastic predictions of one input (for example Monte Carlo
 * dropout passes) to an informativeness score: higher means more worth labeling. The bundled ones
 * are in {@link StochasticMeasures}.
 */
@FunctionalInterface
public interface StochasticMeasure {

    /**
     * Scores one row.
     *
     * @param passes the probability matrices of the passes, all of the same shape
     * @param row the row to score
     * @return the score; must be finite
     */
    double score(Probabilities[] passes, int row);
}
