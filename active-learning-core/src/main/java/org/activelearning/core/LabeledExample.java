package org.activelearning.core;

import java.util.Objects;

/**
 * One labeled instance of the pool.
 *
 * @param id the instance's stable pool id
 * @param input the input, looked up from the pool
 * @param label the label the oracle gave
 * @param <X> the input type
 * @param <Y> the label type
 */
public record LabeledExample<X, Y>(long id, X input, Y label) {

    /**
     * Validates that the input and label are present.
     *
     * @param id the instance's stable pool id
     * @param input the input, looked up from the pool
     * @param label the label the oracle gave
     */
    public LabeledExample {
        Objects.requireNonNull(input, () -> "input of id " + id + " is null");
        Objects.requireNonNull(label, () -> "label of id " + id + " is null");
    }
}
