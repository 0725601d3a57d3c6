package org.activelearning.spark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.activelearning.core.Answer;
import org.activelearning.core.AnswerSink;
import org.activelearning.core.Oracle;
import org.activelearning.core.Query;
import org.activelearning.djl.data.PlanarImage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * A simulated oracle for experiments on Spark: answers each batch with the labels already stored in
 * a column of the pool's dataset, looked up in one Spark job per batch (the labels of a 50-million
 * row pool never come to the driver all at once). A label that is not one of the classes is an
 * error naming the id and the value.
 */
public final class LabelColumnOracle implements Oracle<PlanarImage, Integer> {

    private final SparkPool pool;
    private final String labelColumn;
    private final List<String> classes;

    /**
     * Creates the oracle.
     *
     * @param pool the pool whose dataset holds the labels
     * @param labelColumn the column holding each row's class name (string) or index (integer)
     * @param classes the class names, in the learner's order
     */
    public LabelColumnOracle(SparkPool pool, String labelColumn, List<String> classes) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.labelColumn = Objects.requireNonNull(labelColumn, "labelColumn");
        this.classes = List.copyOf(classes);
    }

    @Override
    public void label(List<Query<PlanarImage>> queries, AnswerSink<Integer> answers) {
        Roaring64Bitmap wanted = new Roaring64Bitmap();
        for (Query<PlanarImage> q : queries) {
            wanted.addLong(q.id());
        }
        Dataset<Row> rows = pool.rows();
        Map<Long, Object> labels = new HashMap<>();
        for (Row r : rows.select(rows.col(pool.idColumn()).cast("bigint"), rows.col(labelColumn)).javaRDD()
                .filter(r -> !r.isNullAt(0) && wanted.contains(r.getLong(0))).collect()) {
            labels.put(r.getLong(0), r.get(1));
        }
        for (Query<PlanarImage> q : queries) {
            answers.accept(Answer.of(q.id(), classIndex(q.id(), labels.get(q.id()))));
        }
    }

    private int classIndex(long id, Object value) {
        if (value instanceof Number n && n.intValue() >= 0 && n.intValue() < classes.size()) {
            return n.intValue();
        }
        int index = value == null ? -1 : classes.indexOf(value.toString());
        if (index < 0) {
            throw new IllegalStateException("Row " + id + " has label " + value + " in column '" + labelColumn
                    + "', which is not one of the classes " + classes);
        }
        return index;
    }

    @Override
    public String name() {
        return "label-column";
    }
}
