package org.activelearning.core.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PrimitiveIterator;
import org.activelearning.core.Pool;
import org.activelearning.core.Probabilities;
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
        Pool<X> pool = context.pool();
        int expectedClasses = context.learner().classes().size();
        Selector.Accumulator acc = selector.start(k);
        int chunk = context.chunkSize();
        long[] ids = new long[chunk];
        List<X> inputs = new ArrayList<>(chunk);
        PrimitiveIterator.OfLong candidates = context.candidates();
        while (candidates.hasNext()) {
            inputs.clear();
            int n = 0;
            while (n < chunk && candidates.hasNext()) {
                long id = candidates.nextLong();
                ids[n++] = id;
                inputs.add(pool.input(id));
            }
            Probabilities p = context.learner().predictProbabilities(inputs);
            if (p.rows() != n || p.classes() != expectedClasses) {
                throw new IllegalStateException("Learner returned a " + p.rows() + " x " + p.classes()
                        + " probability matrix for " + n + " inputs and " + expectedClasses
                        + " classes; predictProbabilities must return one row per input and one column per class");
            }
            for (int row = 0; row < n; row++) {
                String bad = p.problem(row);
                if (bad != null) {
                    throw new IllegalStateException("Learner predicted " + bad + " for id " + ids[row]
                            + "; check the model for diverged weights or invalid inputs");
                }
                double score = measure.score(p, row);
                if (!Double.isFinite(score)) {
                    throw new IllegalStateException("Uncertainty measure '" + name + "' returned " + score
                            + " for id " + ids[row] + "; a measure must return a finite score");
                }
                acc.offer(ids[row], score);
            }
        }
        TopK.Selection selection = acc.result();
        long[] selected = selection.ids();
        double[] scores = selection.scores();
        List<Query<X>> out = new ArrayList<>(selected.length);
        for (int i = 0; i < selected.length; i++) {
            out.add(new Query<>(selected[i], pool.input(selected[i]), scores[i]));
        }
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}
