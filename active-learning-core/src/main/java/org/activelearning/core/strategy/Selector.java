package org.activelearning.core.strategy;

/**
 * Turns a stream of (id, score) pairs into the selected ids. {@link #topK()} is the standard
 * selector; a custom one can, for example, sample proportionally to score.
 */
@FunctionalInterface
public interface Selector {

    /**
     * Starts a selection of at most {@code k} ids.
     *
     * @param k the number to select, positive
     * @return an accumulator to offer every candidate to
     */
    Accumulator start(int k);

    /** Receives scored candidates and yields the selection. */
    interface Accumulator {

        /**
         * Offers one candidate.
         *
         * @param id the candidate's id
         * @param score its finite score, higher is more informative
         */
        void offer(long id, double score);

        /**
         * The selected ids with their scores, best first.
         *
         * @return the selection
         */
        TopK.Selection result();
    }

    /**
     * The {@code k} highest scores, ties broken by the smaller id, in {@code O(n log k)} time and
     * {@code O(k)} memory.
     *
     * @return the selector
     */
    static Selector topK() {
        return TopK::new;
    }
}
