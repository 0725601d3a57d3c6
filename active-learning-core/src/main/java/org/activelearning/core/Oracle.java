package org.activelearning.core;

import java.util.List;
import java.util.Objects;

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
        Class<?> c = getClass();
        // lambdas and anonymous classes have names that change from one JVM to the next
        return c.isSynthetic() || c.isAnonymousClass() || c.getSimpleName().isEmpty() || c.getSimpleName().contains("$$")
                ? "oracle" : c.getSimpleName();
    }

    /**
     * Gives an oracle a stable annotator name, recorded in the journal with every answer that does
     * not name its own annotator: {@code Oracle.named("alice", (queries, answers) -> ...)}.
     *
     * @param name the annotator name, not blank
     * @param oracle the oracle
     * @param <X> the input type
     * @param <Y> the label type
     * @return the named oracle
     */
    static <X, Y> Oracle<X, Y> named(String name, Oracle<X, Y> oracle) {
        Objects.requireNonNull(oracle, "oracle");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An oracle's name must not be blank, got '" + name + "'");
        }
        return new Oracle<>() {
            @Override
            public void label(List<Query<X>> queries, AnswerSink<Y> answers) throws Exception {
                oracle.label(queries, answers);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
