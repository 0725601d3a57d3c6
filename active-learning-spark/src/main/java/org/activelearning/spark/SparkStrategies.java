package org.activelearning.spark;

import java.util.Locale;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.data.PlanarImage;

/**
 * Query strategies for a {@link SparkPool}, by name as in {@link QueryStrategies#byName}.
 *
 * <p>Uncertainty sampling ({@code least-confidence}, {@code margin}, {@code entropy}) scores on the
 * executors and selects exactly what one machine would. {@code random} needs no scoring and is the
 * core's. Candidate subsampling is the core's wrapper around either
 * ({@link QueryStrategies#subsampled}), with the same subset for the same seed. The strategies that
 * need every candidate's embedding at once ({@code coreset}, {@code badge}) or Monte Carlo passes
 * ({@code bald}, {@code variation-ratios}, {@code mean-std}) are not distributed: given a SparkPool,
 * the core versions would fetch the whole pool to the driver, so this factory refuses them.
 */
public final class SparkStrategies {

    /** Images per forward pass on an executor. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private SparkStrategies() {}

    /**
     * A strategy by name.
     *
     * @param name {@code least-confidence}, {@code margin}, {@code entropy} or {@code random}
     * @param factory builds the executors' learner (unused by {@code random})
     * @param shipping where checkpoints go (unused by {@code random})
     * @return the strategy
     * @throws IllegalArgumentException for a strategy that is not distributed, saying why, or an unknown name
     */
    public static QueryStrategy<PlanarImage> byName(String name, LearnerFactory factory, CheckpointShipping shipping) {
        String n = name.toLowerCase(Locale.ROOT);
        return switch (n) {
            case "least-confidence", "least_confidence", "leastconfidence" ->
                    uncertainty("least-confidence", SerializableMeasure.leastConfidence(), factory, shipping);
            case "margin" -> uncertainty("margin", SerializableMeasure.margin(), factory, shipping);
            case "entropy" -> uncertainty("entropy", SerializableMeasure.entropy(), factory, shipping);
            case "random" -> QueryStrategies.random();
            case "coreset", "core-set", "kcenter", "k-center", "badge" -> throw new IllegalArgumentException(
                    "Strategy '" + name + "' is not supported on Spark: it compares every candidate's embedding with "
                            + "the others, which needs the whole pool's embeddings in one place; use least-confidence, "
                            + "margin, entropy or random, optionally with candidate subsampling");
            case "bald", "variation-ratios", "variation_ratios", "mean-std", "mean_std" ->
                    throw new IllegalArgumentException("Strategy '" + name + "' is not supported on Spark yet: its "
                            + "Monte Carlo dropout passes are not distributed; use least-confidence, margin, entropy "
                            + "or random");
            default -> throw new IllegalArgumentException("Unknown query strategy '" + name + "'; on Spark use "
                    + "least-confidence, margin, entropy or random");
        };
    }

    /**
     * Uncertainty sampling with any serializable measure, scored on the executors.
     *
     * @param name a short name for logs
     * @param measure the measure
     * @param factory builds the executors' learner
     * @param shipping where checkpoints go
     * @return the strategy
     */
    public static QueryStrategy<PlanarImage> uncertainty(String name, SerializableMeasure measure,
            LearnerFactory factory, CheckpointShipping shipping) {
        return new DistributedUncertaintySampling(name, measure, factory, shipping, DEFAULT_BATCH_SIZE);
    }
}
