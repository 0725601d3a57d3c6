package org.activelearning.core.strategy;

import java.util.PrimitiveIterator;
import org.activelearning.core.Pool;
import org.activelearning.core.Probabilities;
import org.activelearning.core.QueryContext;

/**
 * Scores a round's candidates chunk by chunk and hands each chunk's ids and validated
 * probabilities to a callback, so a custom strategy is its scoring rule and nothing else:
 *
 * <pre>{@code
 * QueryStrategy<Doc> s = (context, k) -> {
 *     TopK top = new TopK(k);
 *     CandidateScores.forEachChunk(context, "my-rule", (ids, p) -> {
 *         for (int row = 0; row < ids.length; row++) top.offer(ids[row], myRule(p, row));
 *     });
 *     return top.result().toQueries(context.pool());
 * };
 * }</pre>
 *
 * <p>At most {@link QueryContext#chunkSize()} inputs are scored at once. A probability matrix of
 * the wrong shape, or a row that is not a distribution, is an error naming the strategy and id.
 */
public final class CandidateScores {

    private CandidateScores() {}

    /** Receives one chunk of candidates. */
    @FunctionalInterface
    public interface ChunkConsumer {
        /**
         * One chunk.
         *
         * @param ids the chunk's candidate ids, in increasing order; {@code ids.length} rows
         * @param probabilities the learner's probabilities, one row per id
         */
        void accept(long[] ids, Probabilities probabilities);
    }

    /**
     * Checks a chunk's probabilities: one row per id, one column per class, each row a
     * distribution; the error names the strategy and the id. Every strategy in this package that
     * reads probabilities goes through here.
     *
     * @param p the learner's (or one stochastic pass's) probabilities
     * @param ids the chunk's ids, one per row
     * @param classes the learner's class count
     * @param strategy the strategy's name, for messages
     * @throws IllegalStateException if the matrix has the wrong shape or a row is not a distribution
     */
    static void validate(Probabilities p, long[] ids, int classes, String strategy) {
        if (p.rows() != ids.length || p.classes() != classes) {
            throw new IllegalStateException("Learner returned a " + p.rows() + " x " + p.classes()
                    + " probability matrix for " + ids.length + " inputs and " + classes
                    + " classes; predictProbabilities must return one row per input and one column per class");
        }
        for (int row = 0; row < ids.length; row++) {
            String bad = p.problem(row);
            if (bad != null) {
                throw new IllegalStateException("Learner predicted " + bad + " for id " + ids[row]
                        + " (strategy '" + strategy + "'); check the model for diverged weights or invalid inputs");
            }
        }
    }

    /**
     * The next ids of an iterator, at most {@code chunk} of them.
     *
     * @param it the iterator, with at least one id left
     * @param chunk the most ids to take
     * @return the ids taken, in order
     */
    static long[] nextChunk(PrimitiveIterator.OfLong it, int chunk) {
        long[] ids = new long[chunk];
        int n = 0;
        while (n < chunk && it.hasNext()) {
            ids[n++] = it.nextLong();
        }
        return n == chunk ? ids : java.util.Arrays.copyOf(ids, n);
    }

    /**
     * Scores every candidate of the context in chunks.
     *
     * @param context the round's context
     * @param strategy the strategy's name, for error messages
     * @param consumer receives each chunk
     * @param <X> the input type
     */
    public static <X> void forEachChunk(QueryContext<X> context, String strategy, ChunkConsumer consumer) {
        Pool<X> pool = context.pool();
        int expectedClasses = context.learner().classes().size();
        int chunk = context.chunkSize();
        for (PrimitiveIterator.OfLong it = context.candidates(); it.hasNext(); ) {
            long[] ids = nextChunk(it, chunk);
            Probabilities p = context.learner().predictProbabilities(pool.inputs(ids));
            validate(p, ids, expectedClasses, strategy);
            consumer.accept(ids, p);
        }
    }
}
