package org.activelearning.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Pool;
import org.activelearning.core.QueryContext;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.ResNet18;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark}: the cost of scoring on Spark. Selects the same k from the same synthetic pool
 * with the same model, in-process (the core's least confidence over an in-memory pool) and on Spark
 * (this module's, over a cached dataset), alternating, and prints images/s of each as JSON lines.
 * The Spark figure includes everything a round pays: publishing and verifying the checkpoint,
 * broadcasting the candidates, the job, and fetching the selected images.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Scoring images/s on Spark against in-process scoring, on a synthetic pool.")
final class SparkBenchmarkCommand implements Callable<Integer> {

    @Option(names = "--images", defaultValue = "20000", description = "Pool size. Default: ${DEFAULT-VALUE}")
    int images;

    @Option(names = "--partitions", defaultValue = "8", description = "Dataset partitions. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed selections of each kind. Default: ${DEFAULT-VALUE}")
    int repeats;

    @Option(names = "--stem", defaultValue = "imagenet", description = "cifar or imagenet. Default: ${DEFAULT-VALUE}")
    String stem;

    @Option(names = "-k", defaultValue = "1000", description = "Images selected. Default: ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Where executors read the model (HDFS, S3, shared mount); required off local masters.")
    String checkpointDir;

    @Override
    public Integer call() throws IOException {
        SparkSession spark = SparkSession.builder().appName("active-learning-spark benchmark")
                .master(System.getProperty("spark.master", "local[2]"))
                .config("spark.ui.enabled", "false").getOrCreate();
        ResNet18.Stem s = ResNet18.Stem.valueOf(stem.toUpperCase(Locale.ROOT));
        CifarDataset data = SyntheticImages.generate(images, 1);
        StructType schema = new StructType().add("id", DataTypes.LongType, false).add("image", DataTypes.BinaryType);
        List<Row> rows = new ArrayList<>(images);
        long[] ids = new long[images];
        for (int i = 0; i < images; i++) {
            ids[i] = i;
            rows.add(RowFactory.create((long) i, SparkPool.planarBytes(data.image(i))));
        }
        Dataset<Row> table = spark.createDataFrame(rows, schema).repartition(partitions).cache();
        table.count();
        SparkPool sparkPool = SparkPool.of(table, "id", ImageColumn.planar("image", 32, 32));
        Pool<PlanarImage> local = Pool.range(0, images, id -> data.image((int) id));
        LearnerFactory factory = () -> ResNetLearner.builder().setClassNames(SyntheticImages.CLASSES).optStem(s)
                .build();
        QueryStrategy<PlanarImage> onSpark = SparkStrategies.byName("least-confidence", factory,
                CheckpointShipping.of(spark, checkpointDir));
        QueryStrategy<PlanarImage> inProcess = QueryStrategies.leastConfidence();
        try (ResNetLearner learner = ResNetLearner.builder().setClassNames(SyntheticImages.CLASSES).optStem(s)
                .optMinSteps(20).build()) {
            List<LabeledExample<PlanarImage, Integer>> labeled = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                labeled.add(new LabeledExample<>(i, data.image(i), data.label(i)));
                local.markLabeled(i);
                sparkPool.markLabeled(i);
            }
            learner.fit(labeled);
            int candidates = images - 64;
            System.out.printf(Locale.ROOT, "{\"bench\":\"spark_scoring_setup\",\"master\":\"%s\",\"cores\":%d,"
                    + "\"images\":%d,\"partitions\":%d,\"stem\":\"%s\",\"k\":%d}%n", spark.sparkContext().master(),
                    Runtime.getRuntime().availableProcessors(), candidates, partitions, stem, k);
            time("warm-up in_process", inProcess, local, learner, candidates);
            time("warm-up spark", onSpark, sparkPool, learner, candidates);
            double[] a = new double[repeats];
            double[] b = new double[repeats];
            for (int r = 0; r < repeats; r++) {
                a[r] = time("in_process", inProcess, local, learner, candidates);
                b[r] = time("spark", onSpark, sparkPool, learner, candidates);
            }
            Arrays.sort(a);
            Arrays.sort(b);
            System.out.printf(Locale.ROOT, "{\"bench\":\"spark_scoring\",\"in_process_images_per_s\":%.1f,"
                    + "\"spark_images_per_s\":%.1f,\"spark_to_in_process\":%.3f}%n", a[repeats / 2], b[repeats / 2],
                    b[repeats / 2] / a[repeats / 2]);
        }
        return 0;
    }

    private double time(String kind, QueryStrategy<PlanarImage> strategy, Pool<PlanarImage> pool, ResNetLearner learner,
            int candidates) {
        long t0 = System.nanoTime();
        int selected = strategy.select(QueryContext.of(pool, learner, new SplittableRandom(1)), k).size();
        double seconds = (System.nanoTime() - t0) / 1e9;
        double rate = candidates / seconds;
        System.out.printf(Locale.ROOT, "{\"bench\":\"spark_scoring_run\",\"kind\":\"%s\",\"seconds\":%.3f,"
                + "\"images_per_s\":%.1f,\"selected\":%d}%n", kind, seconds, rate, selected);
        return rate;
    }
}
