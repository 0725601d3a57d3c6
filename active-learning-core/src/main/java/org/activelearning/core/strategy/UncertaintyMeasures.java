package org.activelearning.core.strategy;

/**
 * The classic uncertainty measures. Each is higher for a more uncertain prediction.
 *
 * <p>See Settles, "Active Learning Literature Survey", University of Wisconsin-Madison CS TR 1648,
 * 2009, section 3.1.
 */
public final class UncertaintyMeasures {

    private UncertaintyMeasures() {}

    /**
     * Least confidence, {@code 1 - max_c p(c)}: Lewis and Gale, "A sequential algorithm for
     * training text classifiers", SIGIR 1994; Culotta and McCallum, AAAI 2005.
     *
     * @return the measure
     */
    public static UncertaintyMeasure leastConfidence() {
        return (p, row) -> 1.0 - p.get(row, p.argMax(row));
    }

    /**
     * Margin, {@code 1 - (p1 - p2)} for the two largest probabilities, so a small margin scores
     * high: Scheffer, Decomain and Wrobel, "Active hidden Markov models for information
     * extraction", IDA 2001.
     *
     * @return the measure
     */
    public static UncertaintyMeasure margin() {
        return (p, row) -> {
            double first = Double.NEGATIVE_INFINITY;
            double second = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < p.classes(); c++) {
                double v = p.get(row, c);
                if (v > first) {
                    second = first;
                    first = v;
                } else if (v > second) {
                    second = v;
                }
            }
            return p.classes() == 1 ? 0.0 : 1.0 - (first - second);
        };
    }

    /**
     * Entropy, {@code -sum_c p(c) ln p(c)} with {@code 0 ln 0 = 0}: Shannon 1948; used for active
     * learning by Settles and Craven, "An analysis of active learning strategies for sequence
     * labeling tasks", EMNLP 2008.
     *
     * @return the measure
     */
    public static UncertaintyMeasure entropy() {
        return (p, row) -> {
            double h = 0;
            for (int c = 0; c < p.classes(); c++) {
                double v = p.get(row, c);
                if (v > 0) {
                    h -= v * Math.log(v);
                }
            }
            return h;
        };
    }
}
