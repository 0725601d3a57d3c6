package org.activelearning.core.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.activelearning.core.Pool;
import org.activelearning.core.Query;

/**
 * Keeps the {@code k} largest scores seen, ties broken by the smaller id, with a binary min-heap
 * of primitive arrays: {@code O(log k)} per offer, no boxing.
 */
public final class TopK implements Selector.Accumulator {

    private final long[] ids;
    private final double[] scores;
    private int size;

    /**
     * Creates an empty accumulator.
     *
     * @param k the number to keep, positive
     */
    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        ids = new long[k];
        scores = new double[k];
    }

    /** True if (idA, a) ranks below (idB, b): lower score, or equal score and larger id. */
    private static boolean worse(double a, long idA, double b, long idB) {
        return a < b || (a == b && idA > idB);
    }

    @Override
    public void offer(long id, double score) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("Score of id " + id + " is NaN; scores must be comparable numbers");
        }
        if (size < ids.length) {
            ids[size] = id;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(scores[0], ids[0], score, id)) {
            ids[0] = id;
            scores[0] = score;
            siftDown(0);
        }
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(scores[i], ids[i], scores[parent], ids[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && worse(scores[right], ids[right], scores[left], ids[left])) {
                worst = right;
            }
            if (!worse(scores[worst], ids[worst], scores[i], ids[i])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        long id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        double s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }

    @Override
    public Selection result() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> worse(scores[a], ids[a], scores[b], ids[b]) ? 1
                : worse(scores[b], ids[b], scores[a], ids[a]) ? -1 : 0);
        long[] outIds = new long[size];
        double[] outScores = new double[size];
        for (int i = 0; i < size; i++) {
            outIds[i] = ids[order[i]];
            outScores[i] = scores[order[i]];
        }
        return new Selection(outIds, outScores);
    }

    /**
     * Selected ids and their scores, best first.
     *
     * @param ids the ids
     * @param scores the scores, same length
     */
    public record Selection(long[] ids, double[] scores) {

        /**
         * Validates equal lengths; the arrays are kept, not copied.
         *
         * @param ids the ids
         * @param scores the scores, same length
         */
        public Selection {
            if (ids.length != scores.length) {
                throw new IllegalArgumentException(ids.length + " ids but " + scores.length + " scores");
            }
        }

        /**
         * The selected ids, best first. The array is the selection's own, not a copy (a strategy
         * reads it once per round): do not modify it.
         *
         * @return the ids
         */
        @Override
        public long[] ids() {
            return ids;
        }

        /**
         * The scores of {@link #ids()}, in the same order; the selection's own array, not a copy.
         *
         * @return the scores
         */
        @Override
        public double[] scores() {
            return scores;
        }

        /**
         * The selection as queries, with each id's input from the pool and its score.
         *
         * @param pool the pool the ids come from
         * @param <X> the input type
         * @return the queries, best first
         */
        public <X> List<Query<X>> toQueries(Pool<X> pool) {
            List<X> inputs = pool.inputs(ids);
            List<Query<X>> out = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                out.add(new Query<>(ids[i], inputs.get(i), scores[i]));
            }
            return out;
        }

        /**
         * One selected id.
         *
         * @param rank 0 for the best
         * @return the id
         */
        public long id(int rank) {
            return ids[rank];
        }

        /**
         * One selected id's score.
         *
         * @param rank 0 for the best
         * @return the score
         */
        public double score(int rank) {
            return scores[rank];
        }

        /**
         * The number selected.
         *
         * @return the count
         */
        public int size() {
            return ids.length;
        }
    }
}
