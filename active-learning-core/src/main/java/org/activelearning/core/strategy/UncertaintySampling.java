package org.activelearning.core.strategy;

import java.util.List;
import java.util.Objects;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;

/**
 * Uncertainty sampling (Lewis and Gale, SIGIR 1994): scores every candidate with an {@link
 * UncertaintyMeasure} of the learner's probabilities and keeps the best with a {@link Selector}.
 *
 * <p>The pool is scored in chunks of {@link QueryContext#chunkSize()} inputs, so the probabilities
 * of a large pool are never held at once. A non-finite probability or score is an error naming the
 * id: a silent pick from a broken model would waste a person's time.
 *
 * @param <X> the input type
 */
public final class UncertaintySampling<X> implements QueryStrategy<X> {

    private final String name;
    private final UncertaintyMeasure measure;
    private final Selector selector;

    /**
     * Creates the strategy.
     *
     * @param name a short name for logs and reports
     * @param measure the uncertainty measure
     * @param selector the selector
     */
    public UncertaintySampling(String name, UncertaintyMeasure measure, Selector selector) {
        this.name = Objects.requireNonNull(name, "name");
        this.measure = Objects.requireNonNull(measure, "measure");
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    @Override
    public List<Query<X>> select(QueryContext<X> context, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        Selector.Accumulator acc = selector.start(k);
        CandidateScores.forEachChunk(context, name, (ids, p) -> {
            for (int row = 0; row < ids.length; row++) {
                double score = measure.score(p, row);
                if (!Double.isFinite(score)) {
                    throw new IllegalStateException("Uncertainty measure '" + name + "' returned " + score
                            + " for id " + ids[row] + "; a measure must return a finite score");
                }
                acc.offer(ids[row], score);
            }
        });
        return acc.result().toQueries(context.pool());
    }

    @Override
    public String toString() {
        return name;
    }
}
