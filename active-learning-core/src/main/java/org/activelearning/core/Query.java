package org.activelearning.core;

import java.util.Objects;

/**
 * A request to the oracle: label the instance with this id.
 *
 * @param id the instance's stable pool id
 * @param input the input to show the oracle
 * @param score how informative the strategy judged the instance (higher is more informative; NaN
 *     when the strategy does not score, as random sampling)
 * @param <X> the input type
 */
public record Query<X>(long id, X input, double score) {

    /**
     * Validates that the input is present.
     *
     * @param id the instance's stable pool id
     * @param input the input to show the oracle
     * @param score how informative the strategy judged the instance (higher is more informative; NaN when the strategy does not score, as random sampling)
     */
    public Query {
        Objects.requireNonNull(input, () -> "input of query id " + id + " is null");
    }
}
