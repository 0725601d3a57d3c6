package org.activelearning.core;

import java.util.List;

/**
 * Observes the loop: progress displays, logging, metrics files, checkpoints. Every method has a
 * no-op default, so a listener overrides only what it needs. Listeners run on the loop's thread;
 * an exception from one ends the loop with {@link LoopResult.StopReason#FAILED}.
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
public interface LoopListener<X, Y> {

    /**
     * The loop starts (after a journal, if any, was replayed).
     *
     * @param state the state; {@code labeledCount} includes resumed labels
     */
    default void onLoopStart(LoopState state) {}

    /**
     * A round starts.
     *
     * @param round the round number
     * @param state the state
     */
    default void onRoundStart(int round, LoopState state) {}

    /**
     * The learner was trained.
     *
     * @param round the round number
     * @param labeledCount how many labels it was trained on
     * @param seconds how long it took
     */
    default void onTrained(int round, int labeledCount, double seconds) {}

    /**
     * The learner was evaluated.
     *
     * @param round the round number
     * @param metrics the metrics
     */
    default void onEvaluated(int round, Metrics metrics) {}

    /**
     * Fewer candidates remain than the query size, so all of them are queried.
     *
     * @param round the round number
     * @param requested the configured query size
     * @param available the candidates left
     */
    default void onQuerySizeReduced(int round, int requested, int available) {}

    /**
     * The strategy chose the queries, which are about to go to the oracle.
     *
     * @param round the round number (0 for the initial labeled set)
     * @param queries the queries
     * @param seconds how long selection took
     */
    default void onQueried(int round, List<Query<X>> queries, double seconds) {}

    /**
     * An answer was accepted (and journaled, if there is a journal).
     *
     * @param round the round number
     * @param answer the answer
     */
    default void onAnswer(int round, Answer<Y> answer) {}

    /**
     * An answer was retracted.
     *
     * @param round the round number
     * @param id the id
     */
    default void onRetracted(int round, long id) {}

    /**
     * A round ended.
     *
     * @param summary what the round did
     */
    default void onRoundEnd(RoundSummary summary) {}

    /**
     * The loop ended.
     *
     * @param result how it ended
     */
    default void onLoopEnd(LoopResult result) {}

    /**
     * A listener for one event: {@code LoopListener.roundEnded(s -> log.info("{}", s))}.
     *
     * @param action what to do with each round's summary
     * @param <X> the input type
     * @param <Y> the label type
     * @return the listener
     */
    static <X, Y> LoopListener<X, Y> roundEnded(java.util.function.Consumer<RoundSummary> action) {
        java.util.Objects.requireNonNull(action, "action");
        return new LoopListener<>() {
            @Override
            public void onRoundEnd(RoundSummary summary) {
                action.accept(summary);
            }
        };
    }

    /**
     * A listener for each recorded answer: {@code LoopListener.answered((round, a) -> ...)}.
     *
     * @param action what to do with each answer, with its round
     * @param <X> the input type
     * @param <Y> the label type
     * @return the listener
     */
    static <X, Y> LoopListener<X, Y> answered(java.util.function.BiConsumer<Integer, Answer<Y>> action) {
        java.util.Objects.requireNonNull(action, "action");
        return new LoopListener<>() {
            @Override
            public void onAnswer(int round, Answer<Y> answer) {
                action.accept(round, answer);
            }
        };
    }
}
