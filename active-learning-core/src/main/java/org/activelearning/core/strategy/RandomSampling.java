package org.activelearning.core.strategy;

import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;

/**
 * Random sampling, the baseline every strategy must beat: a uniform sample of {@code k} candidates
 * drawn with reservoir sampling (Vitter, "Random sampling with a reservoir", ACM TOMS 1985) from
 * the context's seeded generator. It never calls the learner.
 *
 * @param <X> the input type
 */
public final class RandomSampling<X> implements QueryStrategy<X> {

    @Override
    public List<Query<X>> select(QueryContext<X> context, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        long[] reservoir = Reservoir.sample(context.candidates(), k, context.random());
        List<X> inputs = context.pool().inputs(reservoir);
        List<Query<X>> out = new ArrayList<>(reservoir.length);
        for (int i = 0; i < reservoir.length; i++) {
            out.add(new Query<>(reservoir[i], inputs.get(i), Double.NaN));
        }
        return out;
    }

    @Override
    public String toString() {
        return "random";
    }
}
