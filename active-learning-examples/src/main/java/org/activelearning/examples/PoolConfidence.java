package org.activelearning.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.activelearning.core.Evaluator;
import org.activelearning.core.Learner;
import org.activelearning.core.Metrics;
import org.activelearning.core.Probabilities;
import org.activelearning.djl.data.ImageDataset;
import org.activelearning.djl.data.PlanarImage;

/**
 * Without a labeled test set there is no accuracy to show; this reports the model's mean top-class
 * probability on a fixed random sample of the pool instead. It rises as the model grows sure of
 * itself, which is not the same as being right: the round table labels it as confidence.
 */
final class PoolConfidence implements Evaluator<PlanarImage, Integer> {

    /** The metric name. */
    static final String METRIC = "pool_confidence";

    /** Pool images averaged over. */
    static final int SAMPLE = 1000;

    private final ImageDataset pool;
    private final int[] sample;
    private final int batchSize;

    /**
     * Creates the evaluator.
     *
     * @param pool the pool
     * @param sampleSize how many pool images to average over (at most the pool)
     * @param batchSize images per prediction call
     * @param seed fixes the sample, so rounds are compared on the same images
     */
    PoolConfidence(ImageDataset pool, int sampleSize, int batchSize, long seed) {
        this.pool = pool;
        this.batchSize = batchSize;
        int n = Math.min(sampleSize, pool.size());
        int[] all = new int[pool.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        this.sample = java.util.Arrays.copyOf(all, n);
        java.util.Arrays.sort(sample);
    }

    @Override
    public Metrics evaluate(Learner<PlanarImage, Integer> learner) {
        double sum = 0;
        for (int from = 0; from < sample.length; from += batchSize) {
            List<PlanarImage> batch = new ArrayList<>();
            for (int i = from; i < Math.min(sample.length, from + batchSize); i++) {
                batch.add(pool.image(sample[i]));
            }
            Probabilities p = learner.predictProbabilities(batch);
            for (int r = 0; r < p.rows(); r++) {
                float best = 0;
                for (int c = 0; c < p.classes(); c++) {
                    best = Math.max(best, p.get(r, c));
                }
                sum += best;
            }
        }
        return new Metrics(Map.of(METRIC, sample.length == 0 ? Double.NaN : sum / sample.length));
    }
}
