package org.activelearning.core;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.function.LongPredicate;
import java.util.random.RandomGenerator;

/**
 * What a {@link QueryStrategy} may use to choose: the pool, the current learner, the round, a
 * seeded random generator and the scoring chunk size.
 *
 * @param pool the pool
 * @param learner the learner trained on the current labeled set
 * @param round the round number, starting at 1 for the first query round
 * @param random randomness seeded from the loop's seed and the round, so runs are reproducible
 * @param chunkSize how many inputs to score per call to the learner
 * @param excluded unlabeled ids that must not be selected (for example skipped ones)
 * @param <X> the input type
 */
public record QueryContext<X>(
        Pool<X> pool,
        Learner<X, ?> learner,
        int round,
        RandomGenerator random,
        int chunkSize,
        LongPredicate excluded) {

    /**
     * Validates the components.
     *
     * @param pool the pool
     * @param learner the learner trained on the current labeled set
     * @param round the round number, starting at 1 for the first query round
     * @param random randomness seeded from the loop's seed and the round, so runs are reproducible
     * @param chunkSize how many inputs to score per call to the learner
     * @param excluded unlabeled ids that must not be selected (for example skipped ones)
     */
    public QueryContext {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(learner, "learner");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(excluded, "excluded");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be >= 1, got " + chunkSize);
        }
    }

    /**
     * A context with no excluded ids, for using a strategy outside the loop.
     *
     * @param pool the pool
     * @param learner the learner
     * @param random the randomness
     * @param <X> the input type
     * @return the context, round 1, chunk size 1024
     */
    public static <X> QueryContext<X> of(Pool<X> pool, Learner<X, ?> learner, RandomGenerator random) {
        return new QueryContext<>(pool, learner, 1, random, 1024, id -> false);
    }

    /**
     * Iterates the candidate ids: unlabeled and not excluded, in increasing order.
     *
     * @return the iterator
     */
    public PrimitiveIterator.OfLong candidates() {
        PrimitiveIterator.OfLong unlabeled = pool.unlabeledIds();
        return new PrimitiveIterator.OfLong() {
            private long next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && unlabeled.hasNext()) {
                    long id = unlabeled.nextLong();
                    if (!excluded.test(id)) {
                        next = id;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return next;
            }
        };
    }

    /**
     * Counts the candidates (a pass over the unlabeled ids).
     *
     * @return the number of candidates
     */
    public int candidateCount() {
        int n = 0;
        for (PrimitiveIterator.OfLong it = candidates(); it.hasNext(); it.nextLong()) {
            n++;
        }
        return n;
    }
}
