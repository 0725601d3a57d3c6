package org.activelearning.core;

import java.util.List;

/**
 * How a run of the loop ended.
 *
 * @param reason why it stopped
 * @param detail a sentence naming the criterion or the cause
 * @param state the final state
 * @param history every round's summary, in order
 */
public record LoopResult(StopReason reason, String detail, LoopState state, List<RoundSummary> history) {

    /**
     * Copies the history.
     *
     * @param reason why it stopped
     * @param detail a sentence naming the criterion or the cause
     * @param state the final state
     * @param history every round's summary, in order
     */
    public LoopResult {
        history = List.copyOf(history);
    }

    /** Why the loop stopped. */
    public enum StopReason {
        /** The stopping criterion was met; the final model is trained on every label. */
        CRITERION_MET,
        /** No candidates remain; the final model is trained on every label. */
        POOL_EXHAUSTED,
        /** The oracle returned without answering every query (a person quit); progress is saved. */
        ORACLE_STOPPED,
        /**
         * The strategy selected nothing although candidates remained (for example it filters them
         * all out); the last model is trained on every label.
         */
        NOTHING_SELECTED,
        /** The oracle, learner or a listener threw; every accepted answer is saved. */
        FAILED
    }
}
