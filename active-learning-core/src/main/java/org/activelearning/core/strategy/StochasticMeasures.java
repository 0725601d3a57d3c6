package org.activelearning.core.strategy;

import org.activelearning.core.Probabilities;

/**
 * Measures of disagreement between stochastic passes, as compared by Gal, Islam and Ghahramani
 * ("Deep Bayesian Active Learning with Image Data", ICML 2017).
 */
public final class StochasticMeasures {

    private StochasticMeasures() {}

    /**
     * BALD (Houlsby, Huszár, Ghahramani and Lengyel, "Bayesian Active Learning for Classification
     * and Preference Learning", 2011): the mutual information between the prediction and the model
     * parameters, estimated as the entropy of the mean prediction minus the mean entropy of the
     * passes. Zero when all passes agree; high when passes are individually confident but disagree.
     *
     * @return the measure, in nats
     */
    public static StochasticMeasure bald() {
        return (passes, row) -> {
            int c = passes[0].classes();
            double meanEntropy = 0;
            double[] mean = new double[c];
            for (Probabilities p : passes) {
                for (int j = 0; j < c; j++) {
                    double v = p.get(row, j);
                    mean[j] += v;
                    meanEntropy -= v > 0 ? v * Math.log(v) : 0;
                }
            }
            meanEntropy /= passes.length;
            double entropyOfMean = 0;
            for (int j = 0; j < c; j++) {
                double v = mean[j] / passes.length;
                entropyOfMean -= v > 0 ? v * Math.log(v) : 0;
            }
            return Math.max(0, entropyOfMean - meanEntropy);
        };
    }

    /**
     * Variation ratios (Freeman, "Elementary Applied Statistics", 1965): one minus the fraction of
     * passes that vote for the most frequent class (ties to the smaller class index).
     *
     * @return the measure, in {@code [0, 1 - 1/passes]}
     */
    public static StochasticMeasure variationRatios() {
        return (passes, row) -> {
            int[] votes = new int[passes[0].classes()];
            for (Probabilities p : passes) {
                votes[p.argMax(row)]++;
            }
            int mode = 0;
            for (int v : votes) {
                mode = Math.max(mode, v);
            }
            return 1.0 - (double) mode / passes.length;
        };
    }

    /**
     * Mean standard deviation (Kampffmeyer et al., CVPR Workshops 2016): the standard deviation of
     * each class probability over the passes, averaged over classes.
     *
     * @return the measure
     */
    public static StochasticMeasure meanStd() {
        return (passes, row) -> {
            int c = passes[0].classes();
            double total = 0;
            for (int j = 0; j < c; j++) {
                double s = 0;
                double s2 = 0;
                for (Probabilities p : passes) {
                    double v = p.get(row, j);
                    s += v;
                    s2 += v * v;
                }
                double m = s / passes.length;
                total += Math.sqrt(Math.max(0, s2 / passes.length - m * m));
            }
            return total / c;
        };
    }
}
