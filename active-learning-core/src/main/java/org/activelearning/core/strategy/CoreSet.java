package org.activelearning.core.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PrimitiveIterator;
import org.activelearning.core.EmbeddingModel;
import org.activelearning.core.Pool;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;

/**
 * Core-set selection (Sener and Savarese, "Active Learning for Convolutional Neural Networks: A
 * Core-Set Approach", ICLR 2018), the k-center greedy variant: each pick is the candidate farthest
 * (Euclidean, in the learner's embedding space) from everything labeled or picked so far, so the
 * labeled set covers the pool with the smallest radius.
 *
 * <p>Needs a learner with the {@link EmbeddingModel} capability. Memory for {@code n} candidates
 * with {@code d}-dimensional embeddings: {@code 4nd} bytes of embeddings and {@code 8n} of
 * distances; labeled embeddings are streamed in chunks and never held; no {@code n x n} matrix.
 * Time: {@code O((labeled + k) n d)}. Ties go to the smaller id. The reported score of a pick is
 * its distance to the covered set when it was picked.
 *
 * @param <X> the input type
 */
public final class CoreSet<X> implements QueryStrategy<X> {

    @Override
    public List<Query<X>> select(QueryContext<X> context, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        EmbeddedCandidates cand = EmbeddedCandidates.of(context, toString(), false);
        int n = cand.n;
        double[] minDist = new double[n];
        Arrays.fill(minDist, Double.POSITIVE_INFINITY);
        coverWithLabeled(context, cand, minDist);
        boolean anyLabeled = context.pool().labeledCount() > 0;
        int picks = Math.min(k, n);
        List<Query<X>> out = new ArrayList<>(picks);
        boolean[] taken = new boolean[n];
        for (int p = 0; p < picks; p++) {
            int best = -1;
            if (p == 0 && !anyLabeled) {
                best = context.random().nextInt(n);
            } else {
                for (int i = 0; i < n; i++) {
                    if (!taken[i] && (best < 0 || minDist[i] > minDist[best])) {
                        best = i;
                    }
                }
            }
            taken[best] = true;
            double score = Double.isInfinite(minDist[best]) ? Double.NaN : Math.sqrt(minDist[best]);
            out.add(new Query<>(cand.ids[best], context.pool().input(cand.ids[best]), score));
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    double dist = cand.squaredDistance(i, cand.features, best * cand.dim);
                    if (dist < minDist[i]) {
                        minDist[i] = dist;
                    }
                }
            }
            minDist[best] = 0;
        }
        return out;
    }

    /** Lowers each candidate's distance to its nearest labeled instance, chunk by chunk of labeled ids. */
    private void coverWithLabeled(QueryContext<X> context, EmbeddedCandidates cand, double[] minDist) {
        EmbeddingModel<X> model = EmbeddedCandidates.embeddingModel(context.learner(), toString());
        Pool<X> pool = context.pool();
        int chunk = context.chunkSize();
        for (PrimitiveIterator.OfLong it = pool.labeledIds(); it.hasNext(); ) {
            List<X> inputs = pool.inputs(CandidateScores.nextChunk(it, chunk));
            float[][] rows = model.embed(inputs);
            EmbeddedCandidates.checkRows(rows, inputs.size(), cand.dim, toString());
            for (float[] row : rows) {
                for (int i = 0; i < cand.n; i++) {
                    double dist = cand.squaredDistance(i, row, 0);
                    if (dist < minDist[i]) {
                        minDist[i] = dist;
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return "coreset";
    }
}
