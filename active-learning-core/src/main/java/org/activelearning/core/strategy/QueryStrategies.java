package org.activelearning.core.strategy;

import java.util.Locale;
import org.activelearning.core.QueryStrategy;

/** Factories for the bundled query strategies, and lookup by name for command lines. */
public final class QueryStrategies {

    /** The names {@link #byName} accepts. */
    public static final String NAMES = "least-confidence, margin, entropy, random";

    private QueryStrategies() {}

    /**
     * Least-confidence sampling, the reference strategy: the lowest maximum probability first.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> leastConfidence() {
        return uncertainty("least-confidence", UncertaintyMeasures.leastConfidence());
    }

    /**
     * Margin sampling: the smallest gap between the two most probable classes first.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> margin() {
        return uncertainty("margin", UncertaintyMeasures.margin());
    }

    /**
     * Entropy sampling: the highest predictive entropy first.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> entropy() {
        return uncertainty("entropy", UncertaintyMeasures.entropy());
    }

    /**
     * Uniform random sampling, the baseline.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> random() {
        return new RandomSampling<>();
    }

    /**
     * Uncertainty sampling with a custom measure and the top-k selector.
     *
     * @param name a short name for logs and reports
     * @param measure the measure
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> uncertainty(String name, UncertaintyMeasure measure) {
        return new UncertaintySampling<>(name, measure, Selector.topK());
    }

    /**
     * Looks a bundled strategy up by name.
     *
     * @param name one of {@link #NAMES}, case-insensitive
     * @param <X> the input type
     * @return the strategy
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static <X> QueryStrategy<X> byName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "least-confidence", "least_confidence", "leastconfidence" -> leastConfidence();
            case "margin" -> margin();
            case "entropy" -> entropy();
            case "random" -> random();
            default -> throw new IllegalArgumentException(
                    "Unknown query strategy '" + name + "'; use one of " + NAMES);
        };
    }
}
