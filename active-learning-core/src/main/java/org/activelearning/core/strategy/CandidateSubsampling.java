package org.activelearning.core.strategy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;

/**
 * Lets a strategy see only a random subset of {@code m} candidates per round, for pools where
 * scoring every candidate costs too much (as in Beluch et al., CVPR 2018, and Yoo and Kweon, CVPR
 * 2019, which score a random subset of 10,000). The subset is a reservoir sample drawn from the
 * context's seeded randomness, so a seed fixes it; memory is {@code 8m} bytes.
 *
 * @param <X> the input type
 */
public final class CandidateSubsampling<X> implements QueryStrategy<X> {

    private final QueryStrategy<X> strategy;
    private final int candidates;

    /**
     * Wraps a strategy.
     *
     * @param strategy the strategy that picks from the subset
     * @param candidates the subset size, positive
     */
    public CandidateSubsampling(QueryStrategy<X> strategy, int candidates) {
        if (candidates < 1) {
            throw new IllegalArgumentException("The candidate subset must hold at least 1 candidate, got " + candidates);
        }
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.candidates = candidates;
    }

    @Override
    public List<Query<X>> select(QueryContext<X> context, int k) {
        long[] subset = Reservoir.sample(context.candidates(), candidates, context.random());
        if (subset.length < candidates) {
            return strategy.select(context, k);
        }
        Arrays.sort(subset);
        QueryContext<X> narrowed = new QueryContext<>(context.pool(), context.learner(), context.round(),
                context.random(), context.chunkSize(),
                id -> context.excluded().test(id) || Arrays.binarySearch(subset, id) < 0);
        return strategy.select(narrowed, k);
    }

    @Override
    public String toString() {
        return strategy + "@" + candidates;
    }
}
