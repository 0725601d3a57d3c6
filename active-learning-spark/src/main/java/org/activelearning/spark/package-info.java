/**
 * Active learning over pools that live on Apache Spark: a {@link org.activelearning.spark.SparkPool}
 * backed by a {@code Dataset} with a stable id column and an image column, loaders from a directory
 * of images or from Parquet ({@link org.activelearning.spark.SparkImages}), and query strategies that
 * score the pool on the executors ({@link org.activelearning.spark.SparkStrategies}).
 *
 * <p>Only scoring and selection are distributed. The loop, the oracle, the label journal and
 * training stay on the driver, unchanged: a user switches to Spark by changing the pool and the
 * strategy, not the loop. Each round the driver saves its learner's checkpoint where every
 * executor can read it ({@link org.activelearning.spark.CheckpointShipping}); executors load it
 * once per JVM, score their partitions in batches and return their partition's top k, which the
 * driver merges into the global top k with the same tie rule as the core (smaller id first). Since
 * the global top k is contained in the union of the partitions' top k, the selection is exactly the
 * single-machine selection.
 */
package org.activelearning.spark;
