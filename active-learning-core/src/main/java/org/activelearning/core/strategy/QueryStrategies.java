package org.activelearning.core.strategy;

import java.util.Locale;
import org.activelearning.core.QueryStrategy;

/** Factories for the bundled query strategies, and lookup by name for command lines. */
public final class QueryStrategies {

    /** The names {@link #byName} accepts. */
    public static final String NAMES =
            "least-confidence, margin, entropy, random, coreset, badge, bald, variation-ratios, mean-std";

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
     * Core-set selection by k-center greedy on the learner's embeddings (Sener and Savarese, ICLR
     * 2018); needs an {@link org.activelearning.core.EmbeddingModel}.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> coreSet() {
        return new CoreSet<>();
    }

    /**
     * BADGE: k-means++ seeding on gradient embeddings (Ash et al., ICLR 2020); needs an {@link
     * org.activelearning.core.EmbeddingModel}.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> badge() {
        return new Badge<>();
    }

    /**
     * BALD with {@value StochasticSampling#DEFAULT_PASSES} stochastic passes (Gal, Islam and
     * Ghahramani, ICML 2017); needs a {@link org.activelearning.core.StochasticModel}.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> bald() {
        return stochastic("bald", StochasticMeasures.bald());
    }

    /**
     * Variation ratios over {@value StochasticSampling#DEFAULT_PASSES} stochastic passes.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> variationRatios() {
        return stochastic("variation-ratios", StochasticMeasures.variationRatios());
    }

    /**
     * Mean standard deviation over {@value StochasticSampling#DEFAULT_PASSES} stochastic passes.
     *
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> meanStd() {
        return stochastic("mean-std", StochasticMeasures.meanStd());
    }

    /**
     * A strategy over stochastic passes with a custom measure and the top-k selector.
     *
     * @param name a short name for logs and reports
     * @param measure the measure
     * @param <X> the input type
     * @return the strategy
     */
    public static <X> QueryStrategy<X> stochastic(String name, StochasticMeasure measure) {
        return new StochasticSampling<>(name, measure, StochasticSampling.DEFAULT_PASSES, Selector.topK());
    }

    /**
     * Lets a strategy see only a seeded random subset of {@code candidates} unlabeled instances
     * per round, for pools too large to score whole.
     *
     * @param strategy the strategy
     * @param candidates the subset size, positive
     * @param <X> the input type
     * @return the wrapped strategy
     */
    public static <X> QueryStrategy<X> subsampled(QueryStrategy<X> strategy, int candidates) {
        return new CandidateSubsampling<>(strategy, candidates);
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
            case "coreset", "core-set", "kcenter", "k-center" -> coreSet();
            case "badge" -> badge();
            case "bald" -> bald();
            case "variation-ratios", "variation_ratios" -> variationRatios();
            case "mean-std", "mean_std" -> meanStd();
            default -> throw new IllegalArgumentException(
                    "Unknown query strategy '" + name + "'; use one of " + NAMES);
        };
    }
}
