package org.activelearning.core;

import java.util.List;

/**
 * Provides labels: a person at a console, a labeling team's tool, or ground truth in experiments.
 *
 * <p>The oracle answers a batch of queries by calling {@link AnswerSink#accept} once per answer as
 * soon as it is known. Returning with some queries unanswered means the oracle stopped (for
 * example the person quit); the loop then ends after saving every answer given. An exception
 * thrown here also ends the loop, and every answer already accepted stays saved.
 *
 * <pre>{@code
 * Oracle<String, String> team = (queries, answers) -> {
 *     for (Query<String> q : queries) {
 *         answers.accept(Answer.of(q.id(), labelingTool.ask(q.input())));
 *     }
 * };
 * }</pre>
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
@FunctionalInterface
public interface Oracle<X, Y> {

    /**
     * Answers the queries.
     *
     * @param queries the queries of this round, most informative first
     * @param answers where each answer goes, as soon as it is given
     * @throws Exception if the oracle fails; the loop stops and keeps every accepted answer
     */
    void label(List<Query<X>> queries, AnswerSink<Y> answers) throws Exception;

    /**
     * The annotator name recorded with answers that do not name one.
     *
     * @return the default annotator name
     */
    default String name() {
        return getClass().getSimpleName().isEmpty() ? "oracle" : getClass().getSimpleName();
    }
}
