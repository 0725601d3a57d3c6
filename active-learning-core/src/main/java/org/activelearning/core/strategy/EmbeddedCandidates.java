package org.activelearning.core.strategy;

import java.util.Arrays;
import java.util.List;
import java.util.PrimitiveIterator;
import org.activelearning.core.EmbeddingModel;
import org.activelearning.core.Learner;
import org.activelearning.core.Pool;
import org.activelearning.core.Probabilities;
import org.activelearning.core.QueryContext;

/**
 * The candidates of a round with their embeddings (and optionally class probabilities), gathered
 * chunk by chunk into flat row-major arrays: {@code n * d} floats of embeddings and {@code n * c}
 * of probabilities, never one object per row. Ids are in increasing order, so index order is id
 * order and "the first of equals" means "the smallest id".
 */
final class EmbeddedCandidates {

    final long[] ids;
    final int n;
    final int dim;
    final float[] features;
    final int classes;
    final float[] probabilities;

    private EmbeddedCandidates(long[] ids, int n, int dim, float[] features, int classes, float[] probabilities) {
        this.ids = ids;
        this.n = n;
        this.dim = dim;
        this.features = features;
        this.classes = classes;
        this.probabilities = probabilities;
    }

    /** The learner's embedding capability, or an error naming the strategy that needs it. */
    @SuppressWarnings("unchecked")
    static <X> EmbeddingModel<X> embeddingModel(Learner<X, ?> learner, String strategy) {
        return (EmbeddingModel<X>) learner.capability(EmbeddingModel.class).orElseThrow(() -> new IllegalStateException(
                "Strategy '" + strategy + "' needs embeddings, but the learner " + learner.getClass().getSimpleName()
                        + " does not implement EmbeddingModel; use an uncertainty strategy or a learner with embeddings"));
    }

    /** Embeds the candidates of the context (with probabilities when asked). */
    static <X> EmbeddedCandidates of(QueryContext<X> context, String strategy, boolean withProbabilities) {
        EmbeddingModel<X> model = embeddingModel(context.learner(), strategy);
        int d = model.embeddingSize();
        int c = context.learner().classes().size();
        int capacity = 1024;
        long[] ids = new long[capacity];
        float[] feats = new float[capacity * d];
        float[] probs = withProbabilities ? new float[capacity * c] : null;
        int n = 0;
        int chunk = context.chunkSize();
        Pool<X> pool = context.pool();
        for (PrimitiveIterator.OfLong it = context.candidates(); it.hasNext(); ) {
            long[] chunkIds = CandidateScores.nextChunk(it, chunk);
            int m = chunkIds.length;
            List<X> inputs = pool.inputs(chunkIds);
            if (n + m > capacity) {
                capacity = Math.max(n + m, capacity * 2);
                ids = Arrays.copyOf(ids, capacity);
                feats = Arrays.copyOf(feats, capacity * d);
                if (probs != null) {
                    probs = Arrays.copyOf(probs, capacity * c);
                }
            }
            float[][] rows = model.embed(inputs);
            checkRows(rows, m, d, strategy);
            for (int i = 0; i < m; i++) {
                ids[n + i] = chunkIds[i];
                System.arraycopy(rows[i], 0, feats, (n + i) * d, d);
            }
            if (probs != null) {
                Probabilities p = context.learner().predictProbabilities(inputs);
                CandidateScores.validate(p, chunkIds, c, strategy);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < c; j++) {
                        probs[(n + i) * c + j] = p.get(i, j);
                    }
                }
            }
            n += m;
        }
        return new EmbeddedCandidates(ids, n, d, feats, c, probs);
    }

    static void checkRows(float[][] rows, int expected, int d, String strategy) {
        if (rows.length != expected) {
            throw new IllegalStateException("EmbeddingModel returned " + rows.length + " rows for " + expected
                    + " inputs (strategy '" + strategy + "')");
        }
        for (float[] r : rows) {
            if (r.length != d) {
                throw new IllegalStateException("EmbeddingModel returned a row of " + r.length
                        + " values; embeddingSize() says " + d + " (strategy '" + strategy + "')");
            }
            for (float v : r) {
                if (!Float.isFinite(v)) {
                    throw new IllegalStateException("EmbeddingModel returned a non-finite value (" + v
                            + ") (strategy '" + strategy + "'); check the model for diverged weights");
                }
            }
        }
    }

    /** Squared Euclidean distance between row {@code i} and a vector at {@code offset} of {@code other}. */
    double squaredDistance(int i, float[] other, int offset) {
        double s = 0;
        int base = i * dim;
        for (int j = 0; j < dim; j++) {
            double diff = features[base + j] - other[offset + j];
            s += diff * diff;
        }
        return s;
    }
}
