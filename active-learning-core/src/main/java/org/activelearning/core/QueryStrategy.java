package org.activelearning.core;

import java.util.List;
import java.util.function.LongPredicate;

/**
 * Chooses which unlabeled instances to ask the oracle about.
 *
 * <p>Ready-made strategies live in {@link org.activelearning.core.strategy.QueryStrategies}; most
 * custom strategies are one {@link org.activelearning.core.strategy.UncertaintyMeasure} lambda
 * away. A strategy must only return candidates of the context, each at most once.
 *
 * @param <X> the input type
 */
@FunctionalInterface
public interface QueryStrategy<X> {

    /**
     * Selects up to {@code k} candidates, most informative first. When fewer than {@code k}
     * candidates remain, returns all of them.
     *
     * @param context the pool, the learner, the round and the seeded randomness
     * @param k how many to select, positive
     * @return the selected queries, at most {@code k}, distinct ids
     */
    List<Query<X>> select(QueryContext<X> context, int k);

    /**
     * This strategy restricted to the candidates whose ids pass a filter, for example only images
     * of one camera, or only documents a team may see: {@code uncertainty(measure).where(id ->
     * allowed(id))}. Filtered-out candidates are never scored.
     *
     * @param keep true for ids that may be selected
     * @return the filtered strategy
     */
    default QueryStrategy<X> where(LongPredicate keep) {
        java.util.Objects.requireNonNull(keep, "keep");
        QueryStrategy<X> self = this;
        return new QueryStrategy<>() {
            @Override
            public List<Query<X>> select(QueryContext<X> context, int k) {
                return self.select(new QueryContext<>(context.pool(), context.learner(), context.round(),
                        context.random(), context.chunkSize(), id -> context.excluded().test(id) || !keep.test(id)), k);
            }

            @Override
            public String toString() {
                return self + " (filtered)";
            }
        };
    }
}
