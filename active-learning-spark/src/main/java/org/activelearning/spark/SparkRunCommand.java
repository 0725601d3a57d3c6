package org.activelearning.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.Learner;
import org.activelearning.core.LoopListener;
import org.activelearning.core.LoopResult;
import org.activelearning.core.QueryStrategy;
import org.activelearning.core.RoundSummary;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.ResNet18;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.PlanarImage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the active-learning loop on the driver over a pool on the cluster, scored on the
 * executors, answered from a label column (an experiment, or labels a team has already given), with
 * the label journal on the driver so that a killed job resumes where it stopped.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Active learning over a Spark pool; answers come from a label column.")
final class SparkRunCommand implements Callable<Integer> {

    @Option(names = "--images", paramLabel = "DIR",
            description = "A directory of images in class folders (DIR/<class>/<image>), read by the executors.")
    String images;

    @Option(names = "--parquet", paramLabel = "PATH", description = "A Parquet table of images instead.")
    String parquet;

    @Option(names = "--id-column", defaultValue = "id", description = "Parquet: the id column. Default: ${DEFAULT-VALUE}")
    String idColumn;

    @Option(names = "--image-column", defaultValue = "image",
            description = "Parquet: the image column. Default: ${DEFAULT-VALUE}")
    String imageColumn;

    @Option(names = "--encoding", defaultValue = "encoded",
            description = "Parquet: encoded (image file bytes), planar (raw RGB bytes) or path. Default: ${DEFAULT-VALUE}")
    String encoding;

    @Option(names = "--label-column", defaultValue = "label",
            description = "The column the answers come from. Default: ${DEFAULT-VALUE}")
    String labelColumn;

    @Option(names = "--classes", split = ",", required = true, description = "The class names, comma-separated.")
    List<String> classes;

    @Option(names = "--image-size", defaultValue = "32", description = "Input side in pixels. Default: ${DEFAULT-VALUE}")
    int imageSize;

    @Option(names = "--stem", defaultValue = "imagenet", description = "cifar or imagenet. Default: ${DEFAULT-VALUE}")
    String stem;

    @Option(names = "--strategy", defaultValue = "least-confidence",
            description = "least-confidence, margin, entropy or random. Default: ${DEFAULT-VALUE}")
    String strategy;

    @Option(names = "--subsample", defaultValue = "0",
            description = "Score only this many random candidates per round (0 = all). Default: ${DEFAULT-VALUE}")
    int subsample;

    @Option(names = "--initial", defaultValue = "100", description = "Initial random labels. Default: ${DEFAULT-VALUE}")
    int initial;

    @Option(names = {"-k", "--query-size"}, defaultValue = "100", description = "Labels per round. Default: ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--rounds", defaultValue = "3", description = "Query rounds. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--min-steps", defaultValue = "500", description = "Least optimizer steps per fit. Default: ${DEFAULT-VALUE}")
    int minSteps;

    @Option(names = "--target-train-accuracy", defaultValue = "0.95",
            description = "Restart a fit's schedule below this training accuracy. Default: ${DEFAULT-VALUE}")
    double targetTrainAccuracy;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Where executors read each round's model (HDFS, S3, shared mount); required off local masters.")
    String checkpointDir;

    @Option(names = "--journal", required = true, paramLabel = "FILE",
            description = "The label journal on the driver; an existing one is resumed.")
    Path journal;

    @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() throws IOException {
        if ((images == null) == (parquet == null)) {
            throw new IllegalArgumentException("Give exactly one of --images DIR and --parquet PATH");
        }
        SparkSession spark = SparkSession.builder().appName("active-learning-spark run")
                .master(System.getProperty("spark.master", "local[2]")).getOrCreate();
        CheckpointShipping shipping = CheckpointShipping.of(spark, checkpointDir);
        List<String> names = List.copyOf(classes);
        ResNet18.Stem s = ResNet18.Stem.valueOf(stem.toUpperCase(Locale.ROOT));
        int size = imageSize;
        LearnerFactory factory = () -> ResNetLearner.builder().setClassNames(names).optStem(s)
                .optInputShape(3, size, size).build();
        QueryStrategy<PlanarImage> chosen = SparkStrategies.byName(strategy, factory, shipping);
        if (subsample > 0) {
            chosen = QueryStrategies.subsampled(chosen, subsample);
        }
        SparkPool pool = pool(spark);
        System.out.printf("Pool: %d images on Spark (%s); %s, k=%d, %d rounds.%n", pool.size(),
                spark.sparkContext().master(), chosen, k, rounds);
        System.out.println("round labels train_acc steps train_s select_s");
        try (ResNetLearner learner = ResNetLearner.builder().setClassNames(names).optStem(s)
                .optInputShape(3, size, size).optMinSteps(minSteps).optTargetTrainAccuracy(targetTrainAccuracy)
                .optSeed(seed).build();
                LabelJournal<Integer> log = LabelJournal.open(journal, LabelCodec.integers())) {
            LoopListener<PlanarImage, Integer> table = new LoopListener<>() {
                @Override
                public void onRoundEnd(RoundSummary r) {
                    System.out.printf("%5d %6d %9.4f %5.0f %7.1f %8.1f%n", r.round(), r.labeledCount(),
                            r.metrics().get(Learner.TRAIN_ACCURACY).orElse(Double.NaN),
                            r.metrics().get(Learner.TRAIN_STEPS).orElse(Double.NaN), r.trainSeconds(),
                            r.selectSeconds());
                }
            };
            ActiveLearningLoop<PlanarImage, Integer> loop = ActiveLearningLoop.<PlanarImage, Integer>builder()
                    .setPool(pool).setLearner(learner).setStrategy(chosen)
                    .setOracle(new LabelColumnOracle(pool, labelColumn, names))
                    .optInitialSelection(InitialSelection.random(initial)).optQuerySize(k)
                    .optStoppingCriterion(StoppingCriteria.maxRounds(rounds)).optJournal(log).optSeed(seed)
                    .addListener(table).build();
            LoopResult result = loop.run();
            System.out.println("Stopped: " + result.reason() + " (" + result.detail() + "); labels in " + journal);
        }
        return 0;
    }

    private SparkPool pool(SparkSession spark) {
        if (images != null) {
            return SparkPool.of(SparkImages.fromDirectory(spark, images).cache(), SparkImages.ID,
                    ImageColumn.encoded(SparkImages.IMAGE, imageSize));
        }
        Dataset<Row> rows = SparkImages.fromParquet(spark, parquet).cache();
        ImageColumn column = switch (encoding.toLowerCase(Locale.ROOT)) {
            case "encoded" -> ImageColumn.encoded(imageColumn, imageSize);
            case "planar" -> ImageColumn.planar(imageColumn, imageSize, imageSize);
            case "path" -> ImageColumn.paths(imageColumn, imageSize);
            default -> throw new IllegalArgumentException("--encoding must be encoded, planar or path, got '" + encoding
                    + "'; choose from " + Arrays.toString(ImageColumn.Encoding.values()).toLowerCase(Locale.ROOT));
        };
        return SparkPool.of(rows, idColumn, column);
    }
}
