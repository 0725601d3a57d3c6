package org.activelearning.core.strategy;

import java.util.List;
import java.util.Objects;
import java.util.PrimitiveIterator;
import org.activelearning.core.Pool;
import org.activelearning.core.Probabilities;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.StochasticModel;

/**
 * Scores every candidate with a {@link StochasticMeasure} of several stochastic passes of the
 * learner (Monte Carlo dropout for the DJL learner) and keeps the best with a {@link Selector}:
 * BALD, variation ratios and mean standard deviation (Gal, Islam and Ghahramani, ICML 2017).
 *
 * <p>Needs a learner with the {@link StochasticModel} capability. The pool is scored in chunks;
 * memory is {@code passes x chunk x classes} floats at a time, plus the selector's {@code k}
 * entries. The passes' randomness comes from the context's seeded generator, so a seed fixes the
 * picks.
 *
 * @param <X> the input type
 */
public final class StochasticSampling<X> implements QueryStrategy<X> {

    /** Passes used when none are given, as in Gal, Islam and Ghahramani (2017). */
    public static final int DEFAULT_PASSES = 20;

    private final String name;
    private final StochasticMeasure measure;
    private final int passes;
    private final Selector selector;

    /**
     * Creates the strategy.
     *
     * @param name a short name for logs and reports
     * @param measure the measure
     * @param passes stochastic passes per input, at least 2
     * @param selector the selector
     */
    public StochasticSampling(String name, StochasticMeasure measure, int passes, Selector selector) {
        if (passes < 2) {
            throw new IllegalArgumentException("A stochastic measure needs at least 2 passes, got " + passes);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.measure = Objects.requireNonNull(measure, "measure");
        this.passes = passes;
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    @Override
    public List<Query<X>> select(QueryContext<X> context, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        @SuppressWarnings("unchecked")
        StochasticModel<X> model = (StochasticModel<X>) context.learner().capability(StochasticModel.class)
                .orElseThrow(() -> new IllegalStateException("Strategy '" + name + "' needs stochastic passes, but the "
                        + "learner " + context.learner().getClass().getSimpleName() + " does not implement "
                        + "StochasticModel; use an uncertainty strategy or a learner with Monte Carlo dropout"));
        Pool<X> pool = context.pool();
        int expectedClasses = context.learner().classes().size();
        long seed = context.random().nextLong();
        Selector.Accumulator acc = selector.start(k);
        int chunk = context.chunkSize();
        int chunkIndex = 0;
        for (PrimitiveIterator.OfLong candidates = context.candidates(); candidates.hasNext(); chunkIndex++) {
            long[] ids = CandidateScores.nextChunk(candidates, chunk);
            int n = ids.length;
            List<X> inputs = pool.inputs(ids);
            Probabilities[] p = model.predictStochastic(inputs, passes, seed + 0x9E3779B97F4A7C15L * chunkIndex);
            if (p.length != passes) {
                throw new IllegalStateException("StochasticModel returned " + p.length + " passes; asked for " + passes);
            }
            for (Probabilities pass : p) {
                CandidateScores.validate(pass, ids, expectedClasses, name);
            }
            for (int row = 0; row < n; row++) {
                double score = measure.score(p, row);
                if (!Double.isFinite(score)) {
                    throw new IllegalStateException("Stochastic measure '" + name + "' returned " + score + " for id "
                            + ids[row] + "; a measure must return a finite score");
                }
                acc.offer(ids[row], score);
            }
        }
        return acc.result().toQueries(pool);
    }

    @Override
    public String toString() {
        return name;
    }
}
