package org.activelearning.core;

/**
 * Where an {@link Oracle} delivers its answers, one at a time.
 *
 * <p>When the loop has a label journal, {@link #accept} returns only after the answer is written
 * and forced to disk, so an oracle that shows the next query after {@code accept} returns never
 * loses an answer a person gave.
 *
 * @param <Y> the label type
 */
public interface AnswerSink<Y> {

    /**
     * Records an answer to one of the current queries.
     *
     * @param answer the answer
     * @throws IllegalArgumentException if the id is not one of the current queries or was already
     *     answered
     */
    void accept(Answer<Y> answer);

    /**
     * Takes back the answer to a query of the current batch (an "undo"), so the query counts as
     * unanswered again.
     *
     * @param id the id whose answer is retracted
     * @throws IllegalArgumentException if the id has no answer in the current batch
     */
    void retract(long id);
}
