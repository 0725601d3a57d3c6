package org.activelearning.core.strategy;

import java.util.Arrays;
import java.util.PrimitiveIterator;
import java.util.random.RandomGenerator;

/**
 * Uniform sampling of {@code m} ids from a stream of unknown length in one pass and {@code 8m}
 * bytes (Vitter's algorithm R, ACM TOMS 1985), used by random sampling, candidate subsampling and
 * cold-start selection.
 */
public final class Reservoir {

    private Reservoir() {}

    /**
     * Samples up to {@code m} ids uniformly without replacement.
     *
     * @param ids the ids, each once
     * @param m how many, positive
     * @param random the randomness: the same seed and stream give the same sample
     * @return {@code min(m, count)} ids, in reservoir order (not sorted)
     */
    public static long[] sample(PrimitiveIterator.OfLong ids, int m, RandomGenerator random) {
        if (m < 1) {
            throw new IllegalArgumentException("A sample needs at least 1 id, got " + m);
        }
        long[] reservoir = new long[m];
        int seen = 0;
        while (ids.hasNext()) {
            long id = ids.nextLong();
            if (seen < m) {
                reservoir[seen] = id;
            } else {
                int j = random.nextInt(seen + 1);
                if (j < m) {
                    reservoir[j] = id;
                }
            }
            seen++;
        }
        return seen < m ? Arrays.copyOf(reservoir, seen) : reservoir;
    }
}
