package org.activelearning.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.function.LongFunction;
import java.util.random.RandomGenerator;

/**
 * Chooses the ids of the initial labeled set (round 0), which the oracle then labels.
 */
@FunctionalInterface
public interface InitialSelection {

    /**
     * Chooses ids among the pool's unlabeled ids.
     *
     * @param pool the pool
     * @param random seeded randomness
     * @return distinct unlabeled ids
     * @throws IllegalArgumentException if the pool cannot supply them
     */
    long[] select(Pool<?> pool, RandomGenerator random);

    /**
     * No initial set; the first round then needs a learner that can predict untrained.
     *
     * @return the selection
     */
    static InitialSelection none() {
        return (pool, random) -> new long[0];
    }

    /**
     * A uniform random sample of {@code n} unlabeled ids.
     *
     * @param n how many, positive
     * @return the selection
     */
    static InitialSelection random(int n) {
        requirePositive(n);
        return (pool, random) -> {
            long[] ids = unlabeled(pool, n);
            shuffle(ids, random);
            return Arrays.copyOf(ids, n);
        };
    }

    /**
     * A class-balanced random sample for experiments where true labels are known: classes take
     * turns, each contributing a random id of its own, until {@code n} are chosen.
     *
     * @param n how many, positive
     * @param trueLabel the known label of an id
     * @return the selection
     */
    static InitialSelection balanced(int n, LongFunction<?> trueLabel) {
        requirePositive(n);
        return (pool, random) -> {
            long[] ids = unlabeled(pool, n);
            shuffle(ids, random);
            Map<Object, List<Long>> byClass = new LinkedHashMap<>();
            for (long id : ids) {
                byClass.computeIfAbsent(trueLabel.apply(id), k -> new ArrayList<>()).add(id);
            }
            long[] out = new long[n];
            int filled = 0;
            for (int turn = 0; filled < n; turn++) {
                for (List<Long> members : byClass.values()) {
                    if (turn < members.size() && filled < n) {
                        out[filled++] = members.get(turn);
                    }
                }
            }
            return out;
        };
    }

    /**
     * Exactly these ids.
     *
     * @param ids the ids, distinct and unlabeled in the pool
     * @return the selection
     */
    static InitialSelection ids(long... ids) {
        long[] copy = ids.clone();
        return (pool, random) -> {
            for (long id : copy) {
                if (!pool.contains(id)) {
                    throw new IllegalArgumentException("Initial id " + id + " is not in the pool (" + pool + ")");
                }
            }
            if (Arrays.stream(copy).distinct().count() != copy.length) {
                throw new IllegalArgumentException("Initial ids must be distinct: " + Arrays.toString(copy));
            }
            return copy.clone();
        };
    }

    private static void requirePositive(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Initial labeled count must be >= 1, got " + n);
        }
    }

    private static long[] unlabeled(Pool<?> pool, int n) {
        if (n > pool.unlabeledCount()) {
            throw new IllegalArgumentException("Initial labeled count " + n + " exceeds the " + pool.unlabeledCount()
                    + " unlabeled instances of the pool; choose at most " + pool.unlabeledCount());
        }
        long[] ids = new long[pool.unlabeledCount()];
        int i = 0;
        for (PrimitiveIterator.OfLong it = pool.unlabeledIds(); it.hasNext(); ) {
            ids[i++] = it.nextLong();
        }
        return ids;
    }

    private static void shuffle(long[] ids, RandomGenerator random) {
        for (int i = ids.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
    }
}
