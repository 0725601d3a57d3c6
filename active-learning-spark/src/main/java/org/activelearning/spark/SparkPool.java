package org.activelearning.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import org.activelearning.core.Pool;
import org.activelearning.djl.data.PlanarImage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StructField;
import org.roaringbitmap.longlong.LongIterator;
import org.roaringbitmap.longlong.Roaring64Bitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * A {@link Pool} whose images live in a Spark {@code Dataset}: one row per instance, with a stable,
 * non-negative {@code long} id column and an {@link ImageColumn}.
 *
 * <p>The driver keeps only the ids, in a compressed Roaring bitmap (a few megabytes for 50 million
 * dense ids, at most 8 bytes an id when they are sparse), which ids are labeled, and the decoded
 * images of the labeled and selected instances, fetched in one Spark job per {@link #prefetch}.
 * Scoring the pool is the job of the strategies in {@link SparkStrategies}, which run on the
 * executors; a core strategy that reads the whole pool through {@link #input} still works, one
 * Spark job per chunk, but on the driver.
 *
 * <p>The dataset should be cached or cheap to recompute: each round reads it once to score, and
 * once more to fetch the selected images. Not thread-safe, like every pool.
 */
public final class SparkPool implements Pool<PlanarImage> {

    private static final Logger LOG = LoggerFactory.getLogger(SparkPool.class);

    /** The number of single-id fetches after which a warning says that the pool is being read on the driver. */
    private static final int MISS_WARNING = 64;

    private final Dataset<Row> rows;
    private final String idColumn;
    private final ImageColumn image;
    private final Roaring64Bitmap ids;
    private final Roaring64Bitmap labeled = new Roaring64Bitmap();
    private final Map<Long, PlanarImage> inputs = new HashMap<>();
    private final int size;
    private int singleFetches;
    private int fetchJobs;

    private SparkPool(Dataset<Row> rows, String idColumn, ImageColumn image, Roaring64Bitmap ids) {
        this.rows = rows;
        this.idColumn = idColumn;
        this.image = image;
        this.ids = ids;
        this.size = (int) ids.getLongCardinality();
    }

    /**
     * A pool over a dataset, every instance unlabeled. Reads the id column once (one Spark job) to
     * check that every id is present, non-negative and distinct.
     *
     * @param rows the dataset, one row per instance
     * @param idColumn the name of the id column ({@code long} or {@code int})
     * @param image the image column and how it stores images
     * @return the pool
     * @throws IllegalArgumentException if a column is missing or of the wrong type, or an id is
     *     null, negative or repeated; the message names the column or the ids
     */
    public static SparkPool of(Dataset<Row> rows, String idColumn, ImageColumn image) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(idColumn, "idColumn");
        Objects.requireNonNull(image, "image");
        DataType idType = columnType(rows, idColumn, "id");
        if (!(idType instanceof LongType) && !(idType instanceof IntegerType)) {
            throw new IllegalArgumentException("The id column '" + idColumn + "' is " + idType.simpleString()
                    + "; it must be bigint or int (cast it, or add one with monotonically_increasing_id())");
        }
        DataType imageType = columnType(rows, image.name(), "image");
        if (!image.accepts(imageType)) {
            throw new IllegalArgumentException("The image column '" + image.name() + "' is " + imageType.simpleString()
                    + "; " + image.encoding() + " images need a " + image.expectedType() + " column");
        }
        Dataset<Row> idRows = rows.select(rows.col(idColumn).cast("bigint"));
        IdSummary summary = idRows.javaRDD().mapPartitions(IdSummary::of).fold(new IdSummary(), IdSummary::merge);
        if (summary.rows == 0) {
            throw new IllegalArgumentException("The dataset has no rows, so the pool would be empty; for a folder of "
                    + "images, check that it holds .png, .jpg, .jpeg, .bmp or .gif files");
        }
        if (summary.nulls > 0 || summary.negatives > 0) {
            throw new IllegalArgumentException("The id column '" + idColumn + "' has " + summary.nulls + " null and "
                    + summary.negatives + " negative ids (for example " + summary.negativeExample + "); pool ids must be"
                    + " non-negative longs");
        }
        if (summary.rows != summary.ids.getLongCardinality()) {
            List<Long> repeated = idRows.groupBy(idRows.columns()[0]).count().filter("count > 1").limit(5)
                    .javaRDD().map(r -> r.getLong(0)).collect();
            throw new IllegalArgumentException("The id column '" + idColumn + "' repeats ids: " + summary.rows
                    + " rows but " + summary.ids.getLongCardinality() + " distinct ids (for example " + repeated
                    + "); each instance needs its own id");
        }
        if (summary.rows > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("A pool holds at most " + (Integer.MAX_VALUE - 8) + " instances, got "
                    + summary.rows + "; split it");
        }
        return new SparkPool(rows, idColumn, image, summary.ids);
    }

    private static DataType columnType(Dataset<Row> rows, String column, String role) {
        for (StructField f : rows.schema().fields()) {
            if (f.name().equals(column)) {
                return f.dataType();
            }
        }
        throw new IllegalArgumentException("The " + role + " column '" + column + "' is not in the dataset; its "
                + "columns are " + List.of(rows.columns()));
    }

    /** Per-partition id statistics, merged on the driver. */
    private static final class IdSummary implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Roaring64Bitmap ids = new Roaring64Bitmap();
        private long rows;
        private long nulls;
        private long negatives;
        private long negativeExample;

        static Iterator<IdSummary> of(Iterator<Row> it) {
            IdSummary s = new IdSummary();
            while (it.hasNext()) {
                Row r = it.next();
                s.rows++;
                if (r.isNullAt(0)) {
                    s.nulls++;
                } else if (r.getLong(0) < 0) {
                    s.negatives++;
                    s.negativeExample = r.getLong(0);
                } else {
                    s.ids.addLong(r.getLong(0));
                }
            }
            return List.of(s).iterator();
        }

        static IdSummary merge(IdSummary a, IdSummary b) {
            a.ids.or(b.ids);
            a.rows += b.rows;
            a.nulls += b.nulls;
            if (b.negatives > 0) {
                a.negativeExample = b.negativeExample;
            }
            a.negatives += b.negatives;
            return a;
        }
    }

    /**
     * The dataset this pool reads.
     *
     * @return the rows
     */
    public Dataset<Row> rows() {
        return rows;
    }

    /**
     * The id column's name.
     *
     * @return the name
     */
    public String idColumn() {
        return idColumn;
    }

    /**
     * The image column.
     *
     * @return the column and its encoding
     */
    public ImageColumn imageColumn() {
        return image;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int labeledCount() {
        return (int) labeled.getLongCardinality();
    }

    @Override
    public boolean contains(long id) {
        return id >= 0 && ids.contains(id);
    }

    @Override
    public boolean isLabeled(long id) {
        requireKnown(id);
        return labeled.contains(id);
    }

    @Override
    public void markLabeled(long id) {
        requireKnown(id);
        if (labeled.contains(id)) {
            throw new IllegalArgumentException("Id " + id + " is already labeled");
        }
        labeled.addLong(id);
    }

    @Override
    public void markUnlabeled(long id) {
        requireKnown(id);
        if (!labeled.contains(id)) {
            throw new IllegalArgumentException("Id " + id + " is not labeled");
        }
        labeled.removeLong(id);
    }

    private void requireKnown(long id) {
        if (!contains(id)) {
            throw new IllegalArgumentException("Id " + id + " is not in this pool of " + size + " ids");
        }
    }

    /**
     * The decoded image of an id: from the images fetched by {@link #prefetch}, else fetched now,
     * with every labeled image not fetched yet, in one Spark job.
     */
    @Override
    public PlanarImage input(long id) {
        requireKnown(id);
        PlanarImage cached = inputs.get(id);
        if (cached != null) {
            return cached;
        }
        if (++singleFetches == MISS_WARNING) {
            LOG.warn("{} images were fetched from Spark one job at a time: a strategy is reading the pool on the "
                    + "driver; use SparkStrategies to score on the executors", MISS_WARNING);
        }
        Roaring64Bitmap wanted = new Roaring64Bitmap();
        wanted.addLong(id);
        for (LongIterator it = labeled.getLongIterator(); it.hasNext(); ) {
            long l = it.next();
            if (!inputs.containsKey(l)) {
                wanted.addLong(l);
            }
        }
        fetch(wanted);
        return inputs.get(id);
    }

    /** Fetches the images of all these ids that are not held yet, in one Spark job. */
    @Override
    public void prefetch(long[] wantedIds) {
        Roaring64Bitmap requested = new Roaring64Bitmap();
        Roaring64Bitmap missing = new Roaring64Bitmap();
        for (long id : wantedIds) {
            if (contains(id)) {
                requested.addLong(id);
                if (!inputs.containsKey(id)) {
                    missing.addLong(id);
                }
            }
        }
        // keep the driver's memory to the labeled set and the current request
        if (inputs.size() > 4 * (labeledCount() + wantedIds.length) + 1024) {
            inputs.keySet().removeIf(id -> !labeled.contains(id) && !requested.contains(id));
        }
        if (!missing.isEmpty()) {
            fetch(missing);
        }
    }

    private void fetch(Roaring64Bitmap wanted) {
        fetchJobs++;
        ImageColumn column = image;
        JavaRDD<Row> selected = rows.select(rows.col(idColumn).cast("bigint"), rows.col(image.name())).javaRDD()
                .filter(r -> !r.isNullAt(0) && wanted.contains(r.getLong(0)));
        List<Tuple2<Long, byte[]>> fetched = selected.map(r -> {
            long id = r.getLong(0);
            return new Tuple2<>(id, planarBytes(column.decode(id, r.get(1))));
        }).collect();
        for (Tuple2<Long, byte[]> t : fetched) {
            inputs.put(t._1(), new PlanarImage(t._2(), 0, image.channels(), image.height(), image.width()));
        }
        if (fetched.size() != wanted.getLongCardinality()) {
            List<Long> missing = new ArrayList<>();
            for (LongIterator it = wanted.getLongIterator(); it.hasNext() && missing.size() < 5; ) {
                long id = it.next();
                if (!inputs.containsKey(id)) {
                    missing.add(id);
                }
            }
            throw new IllegalStateException("The dataset no longer holds ids " + missing + " that it held when the "
                    + "pool was made; a pool's dataset must not change while the pool is in use (cache it, or read"
                    + " a fixed snapshot)");
        }
    }

    /** The number of fetch jobs run so far, for tests. */
    int fetchJobs() {
        return fetchJobs;
    }

    static byte[] planarBytes(PlanarImage img) {
        byte[] out = new byte[img.byteSize()];
        img.copyTo(out, 0);
        return out;
    }

    @Override
    public PrimitiveIterator.OfLong unlabeledIds() {
        return filtered(ids.getLongIterator(), true);
    }

    @Override
    public PrimitiveIterator.OfLong labeledIds() {
        return filtered(labeled.getLongIterator(), false);
    }

    @Override
    public PrimitiveIterator.OfLong allIds() {
        return filtered(ids.getLongIterator(), false);
    }

    /** Ids are non-negative, so the bitmap's unsigned order is increasing order. */
    private PrimitiveIterator.OfLong filtered(LongIterator it, boolean skipLabeled) {
        return new PrimitiveIterator.OfLong() {
            private long next;
            private boolean ready;

            @Override
            public boolean hasNext() {
                while (!ready && it.hasNext()) {
                    long id = it.next();
                    if (!skipLabeled || !labeled.contains(id)) {
                        next = id;
                        ready = true;
                    }
                }
                return ready;
            }

            @Override
            public long nextLong() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ready = false;
                return next;
            }
        };
    }
}
