package org.activelearning.core;

import java.util.List;

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
}
