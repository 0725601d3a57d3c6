package org.activelearning.core.strategy;

import org.activelearning.core.Probabilities;

/**
 * A pure function from one row of class probabilities to an informativeness score: higher means
 * more worth labeling. Plug in your own with a lambda:
 *
 * <pre>{@code
 * UncertaintyMeasure secondBest = (p, row) -> { float[] r = p.row(row); Arrays.sort(r); return r[r.length - 2]; };
 * QueryStrategy<MyInput> s = QueryStrategies.uncertainty("second-best", secondBest);
 * }</pre>
 */
@FunctionalInterface
public interface UncertaintyMeasure {

    /**
     * Scores one row.
     *
     * @param probabilities the probability matrix of a chunk
     * @param row the row to score
     * @return the score; must be finite
     */
    double score(Probabilities probabilities, int row);
}
