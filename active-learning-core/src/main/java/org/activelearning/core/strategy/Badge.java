package org.activelearning.core.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.activelearning.core.EmbeddingModel;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;

/**
 * BADGE, batch active learning by diverse gradient embeddings (Ash, Zhang, Krishnamurthy, Langford
 * and Agarwal, "Deep Batch Active Learning by Diverse, Uncertain Gradient Lower Bounds", ICLR
 * 2020): each candidate is represented by the gradient of the loss with respect to the last layer's
 * weights under its predicted label, {@code g = (p - onehot(argmax p)) x h} for probabilities
 * {@code p} and penultimate features {@code h}; k-means++ seeding on these vectors picks a batch
 * that is both uncertain (long gradients) and diverse (far apart).
 *
 * <p>The {@code c x d} outer products are never built: {@code <g_i, g_j> = <p_i - e_i, p_j - e_j>
 * <h_i, h_j>}, so every distance needs only the features and the probability vectors. Memory for
 * {@code n} candidates: {@code 4n(d + c)} bytes plus {@code 8n} of distances. As in the reference
 * implementation, the first center is the longest gradient (ties to the smaller id); each further
 * center is drawn with probability proportional to the squared distance to the nearest center,
 * from the context's seeded randomness. The score of a pick is that squared distance (the first
 * pick's is its squared length).
 *
 * <p>Needs a learner with the {@link EmbeddingModel} capability.
 *
 * @param <X> the input type
 */
public final class Badge<X> implements QueryStrategy<X> {

    @Override
    public List<Query<X>> select(QueryContext<X> context, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        EmbeddedCandidates cand = EmbeddedCandidates.of(context, toString(), true);
        int n = cand.n;
        int c = cand.classes;
        // residuals r = p - onehot(argmax p), and the squared norms of r and h
        float[] residual = cand.probabilities;
        double[] rNorm = new double[n];
        double[] hNorm = new double[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) {
                if (residual[i * c + j] > residual[i * c + best]) {
                    best = j;
                }
            }
            residual[i * c + best] -= 1f;
            double r = 0;
            for (int j = 0; j < c; j++) {
                r += (double) residual[i * c + j] * residual[i * c + j];
            }
            double h = 0;
            for (int j = 0; j < cand.dim; j++) {
                h += (double) cand.features[i * cand.dim + j] * cand.features[i * cand.dim + j];
            }
            rNorm[i] = r;
            hNorm[i] = h;
        }
        int picks = Math.min(k, n);
        List<Query<X>> out = new ArrayList<>(picks);
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        boolean[] taken = new boolean[n];
        int center = 0;
        for (int i = 1; i < n; i++) {
            if (rNorm[i] * hNorm[i] > rNorm[center] * hNorm[center]) {
                center = i;
            }
        }
        double score = rNorm[center] * hNorm[center];
        for (int p = 0; p < picks; p++) {
            if (p > 0) {
                center = sample(d2, taken, context.random().nextDouble());
                score = d2[center];
            }
            taken[center] = true;
            out.add(new Query<>(cand.ids[center], context.pool().input(cand.ids[center]), score));
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    double dot = dot(residual, i * c, center * c, c) * dot(cand.features, i * cand.dim,
                            center * cand.dim, cand.dim);
                    double dist = Math.max(0, rNorm[i] * hNorm[i] + rNorm[center] * hNorm[center] - 2 * dot);
                    if (dist < d2[i]) {
                        d2[i] = dist;
                    }
                }
            }
            d2[center] = 0;
        }
        return out;
    }

    /**
     * Draws an index with probability proportional to {@code weights} among those not taken; when
     * every weight is zero (all remaining candidates coincide with a center), the smallest free index.
     */
    static int sample(double[] weights, boolean[] taken, double u) {
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!taken[i]) {
                total += weights[i];
            }
        }
        int last = -1;
        if (total > 0) {
            double target = u * total;
            double acc = 0;
            for (int i = 0; i < weights.length; i++) {
                if (!taken[i] && weights[i] > 0) {
                    acc += weights[i];
                    last = i;
                    if (acc > target) {
                        return i;
                    }
                }
            }
            return last;
        }
        for (int i = 0; i < weights.length; i++) {
            if (!taken[i]) {
                return i;
            }
        }
        throw new IllegalStateException("no candidate left to sample");
    }

    private static double dot(float[] a, int i, int j, int len) {
        double s = 0;
        for (int t = 0; t < len; t++) {
            s += (double) a[i + t] * a[j + t];
        }
        return s;
    }

    @Override
    public String toString() {
        return "badge";
    }
}
