package org.activelearning.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.activelearning.core.Probabilities;
import org.activelearning.core.strategy.TopK;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.PlanarImage;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * Scores one partition on an executor: decodes the candidates' images, runs the round's model on
 * them in batches and keeps the partition's top k with the core's {@link TopK} (ties by smaller id),
 * so that the driver's merge of all partitions is the single-machine selection. Rows are
 * {@code (id, image)}; rows that are not candidates are skipped without decoding.
 */
final class ScorePartition implements FlatMapFunction<Iterator<Row>, PartitionTop> {

    private static final long serialVersionUID = 1L;

    /** For tests: the partition whose first attempt fails, as a lost executor would (-1: none). */
    static volatile int failFirstAttemptOfPartition = -1;

    private final PublishedCheckpoint checkpoint;
    private final LearnerFactory factory;
    private final ImageColumn image;
    private final SerializableMeasure measure;
    private final String strategy;
    private final int k;
    private final int batchSize;
    private final Broadcast<Roaring64Bitmap> candidates;

    ScorePartition(PublishedCheckpoint checkpoint, LearnerFactory factory, ImageColumn image,
            SerializableMeasure measure, String strategy, int k, int batchSize, Broadcast<Roaring64Bitmap> candidates) {
        this.checkpoint = checkpoint;
        this.factory = factory;
        this.image = image;
        this.measure = measure;
        this.strategy = strategy;
        this.k = k;
        this.batchSize = batchSize;
        this.candidates = candidates;
    }

    @Override
    public Iterator<PartitionTop> call(Iterator<Row> rows) throws Exception {
        TaskContext task = TaskContext.get();
        if (task != null && task.partitionId() == failFirstAttemptOfPartition && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of partition " + task.partitionId() + " (tests)");
        }
        Roaring64Bitmap wanted = candidates.value();
        TopK top = new TopK(k);
        ResNetLearner model = null;
        long[] ids = new long[batchSize];
        List<PlanarImage> images = new ArrayList<>(batchSize);
        long scored = 0;
        while (rows.hasNext()) {
            Row r = rows.next();
            if (r.isNullAt(0) || !wanted.contains(r.getLong(0))) {
                continue;
            }
            long id = r.getLong(0);
            ids[images.size()] = id;
            images.add(image.decode(id, r.get(1)));
            if (images.size() == batchSize) {
                model = model != null ? model : ExecutorModels.get(checkpoint, factory);
                scored += score(model, ids, images, top);
            }
        }
        if (!images.isEmpty()) {
            model = model != null ? model : ExecutorModels.get(checkpoint, factory);
            scored += score(model, ids, images, top);
        }
        TopK.Selection s = top.result();
        return List.of(new PartitionTop(s.ids(), s.scores(), scored)).iterator();
    }

    private int score(ResNetLearner model, long[] ids, List<PlanarImage> images, TopK top) {
        Probabilities p;
        synchronized (model) {
            p = model.predictProbabilities(images);
        }
        int n = images.size();
        if (p.rows() != n) {
            throw new IllegalStateException("The model returned " + p.rows() + " probability rows for " + n
                    + " images");
        }
        for (int row = 0; row < n; row++) {
            double score = measure.score(p, row);
            if (!Double.isFinite(score)) {
                throw new IllegalStateException("Uncertainty measure '" + strategy + "' returned " + score + " for id "
                        + ids[row] + "; a measure must return a finite score");
            }
            top.offer(ids[row], score);
        }
        images.clear();
        return n;
    }
}
