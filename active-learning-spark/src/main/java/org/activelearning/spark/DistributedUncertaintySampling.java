package org.activelearning.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.PrimitiveIterator;
import org.activelearning.core.Learner;
import org.activelearning.core.Pool;
import org.activelearning.core.Query;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.strategy.TopK;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.PlanarImage;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.roaringbitmap.longlong.Roaring64Bitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uncertainty sampling (Lewis and Gale, SIGIR 1994) with the pool scored on Spark's executors.
 *
 * <p>Per round: the driver collects the candidate ids of the context (unlabeled, not excluded, after
 * any filter or {@link org.activelearning.core.strategy.CandidateSubsampling}) into a compressed
 * bitmap and broadcasts it; it publishes the learner's checkpoint ({@link CheckpointShipping}); each
 * partition is scored on an executor ({@code ScorePartition}) and returns its top k; the driver
 * merges them with the core's {@link TopK}. Because the measure, the model and the tie rule are the
 * same as on one machine, so is the selection. A failed task is retried by Spark, and since a
 * partition's top k depends only on its rows, the retry gives the same selection.
 *
 * <p>Memory: the broadcast bitmap (a few bytes per candidate, compressed), {@code k} ids and scores
 * per partition on the driver, and one scoring batch of images per running task.
 */
public final class DistributedUncertaintySampling implements QueryStrategy<PlanarImage> {

    private static final Logger LOG = LoggerFactory.getLogger(DistributedUncertaintySampling.class);

    private final String name;
    private final SerializableMeasure measure;
    private final LearnerFactory factory;
    private final CheckpointShipping shipping;
    private final int batchSize;

    /**
     * Creates the strategy.
     *
     * @param name a short name for logs, for example {@code least-confidence}
     * @param measure the uncertainty measure, run on the executors
     * @param factory builds the executors' learner, into which each round's checkpoint is loaded
     * @param shipping where checkpoints go so that the executors can read them
     * @param batchSize images per forward pass on an executor, positive
     */
    public DistributedUncertaintySampling(String name, SerializableMeasure measure, LearnerFactory factory,
            CheckpointShipping shipping, int batchSize) {
        this.name = Objects.requireNonNull(name, "name");
        this.measure = Objects.requireNonNull(measure, "measure");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.shipping = Objects.requireNonNull(shipping, "shipping");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    @Override
    public List<Query<PlanarImage>> select(QueryContext<PlanarImage> context, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        SparkPool pool = sparkPool(context.pool(), name);
        ResNetLearner learner = resNet(context.learner(), name);
        Roaring64Bitmap candidates = new Roaring64Bitmap();
        for (PrimitiveIterator.OfLong it = context.candidates(); it.hasNext(); ) {
            candidates.addLong(it.nextLong());
        }
        if (candidates.isEmpty()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        PublishedCheckpoint checkpoint;
        try {
            checkpoint = shipping.publish(learner);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        Dataset<Row> rows = pool.rows();
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
        candidates.runOptimize();
        Broadcast<Roaring64Bitmap> shared = spark.broadcast(candidates);
        List<PartitionTop> tops;
        try {
            tops = rows.select(rows.col(pool.idColumn()).cast("bigint"), rows.col(pool.imageColumn().name()))
                    .javaRDD()
                    .mapPartitions(new ScorePartition(checkpoint, factory, pool.imageColumn(), measure, name, k,
                            batchSize, shared))
                    .collect();
        } finally {
            shared.destroy();
        }
        TopK merged = new TopK(k);
        long scored = 0;
        for (PartitionTop top : tops) {
            scored += top.scored();
            for (int i = 0; i < top.ids().length; i++) {
                merged.offer(top.ids()[i], top.scores()[i]);
            }
        }
        if (scored != candidates.getLongCardinality()) {
            throw new IllegalStateException("The executors scored " + scored + " candidates but the pool has "
                    + candidates.getLongCardinality() + "; the pool's dataset changed while the pool was in use");
        }
        LOG.info("{}: scored {} candidates in {} partitions on Spark in {} s", name, scored, tops.size(),
                String.format("%.2f", (System.nanoTime() - t0) / 1e9));
        return merged.result().toQueries(pool);
    }

    static SparkPool sparkPool(Pool<PlanarImage> pool, String strategy) {
        if (pool instanceof SparkPool p) {
            return p;
        }
        throw new IllegalArgumentException("Strategy " + strategy + " scores on Spark and needs a SparkPool, got a "
                + pool.getClass().getSimpleName() + "; use the core strategy of the same name for in-process pools");
    }

    static ResNetLearner resNet(Learner<PlanarImage, ?> learner, String strategy) {
        if (learner instanceof ResNetLearner r) {
            return r;
        }
        throw new IllegalArgumentException("Strategy " + strategy + " ships the learner's checkpoint to the executors"
                + " and needs a ResNetLearner, got " + learner.getClass().getName());
    }

    @Override
    public String toString() {
        return name + " (Spark)";
    }
}
