package org.activelearning.spark;

import java.util.ArrayList;
import java.util.List;
import org.activelearning.core.LabeledExample;
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

/** A shared local Spark session and a small synthetic pool for the module's tests. */
final class SparkTesting {

    private static SparkSession session;

    private SparkTesting() {}

    /**
     * Two executor threads, and up to 4 attempts per task so that a failed task is retried as on
     * a cluster (local mode does not retry by default).
     */
    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,4]").appName("active-learning-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return session;
    }

    /** Ids are not positions: image i gets id 3i + 1. */
    static long idOf(int i) {
        return 3L * i + 1;
    }

    static Dataset<Row> rows(CifarDataset data, int partitions) {
        StructType schema = new StructType()
                .add("id", DataTypes.LongType, false)
                .add("image", DataTypes.BinaryType, true)
                .add("label", DataTypes.IntegerType, false);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            rows.add(RowFactory.create(idOf(i), SparkPool.planarBytes(data.image(i)), data.label(i)));
        }
        return spark().createDataFrame(rows, schema).repartition(partitions).cache();
    }

    static LearnerFactory factory() {
        return () -> ResNetLearner.builder().setClassNames(SyntheticImages.CLASSES).optStem(ResNet18.Stem.IMAGENET)
                .optBatchSize(32).optDevice("cpu").optSeed(7).build();
    }

    static ResNetLearner trained(CifarDataset data, int labeled) {
        ResNetLearner learner = ResNetLearner.builder().setClassNames(SyntheticImages.CLASSES)
                .optStem(ResNet18.Stem.IMAGENET).optBatchSize(32).optMinSteps(30).optDevice("cpu").optSeed(7).build();
        List<LabeledExample<PlanarImage, Integer>> examples = new ArrayList<>();
        for (int i = 0; i < labeled; i++) {
            examples.add(new LabeledExample<>(idOf(i), data.image(i), data.label(i)));
        }
        learner.fit(examples);
        return learner;
    }
}
