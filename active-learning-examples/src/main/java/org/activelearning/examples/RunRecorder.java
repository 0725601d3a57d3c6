package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.activelearning.core.ClassificationEvaluator;
import org.activelearning.core.Learner;
import org.activelearning.core.LoopListener;
import org.activelearning.core.LoopResult;
import org.activelearning.core.LoopState;
import org.activelearning.core.Metrics;
import org.activelearning.core.Query;
import org.activelearning.core.RoundSummary;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.PlanarImage;

/**
 * Records a run in its session directory: per-round metrics as CSV and JSON Lines, a checkpoint of
 * the latest model, the learning-curve PNG, and a summary table on the console after each round.
 */
final class RunRecorder implements LoopListener<PlanarImage, Integer> {

    private final Session session;
    private final PrintStream out;
    private final List<String> classNames;
    private final InstrumentedLearner<PlanarImage, Integer> timed;
    private final ResNetLearner learner;
    private final boolean keepCheckpoints;
    private final String title;
    private final MetricsTable table;
    private final JournalCounts resumed;
    private int candidates;
    private double scoreSeconds;

    RunRecorder(Session session, PrintStream out, List<String> classNames,
            InstrumentedLearner<PlanarImage, Integer> timed, ResNetLearner learner, boolean keepCheckpoints,
            String title, JournalCounts resumed) throws IOException {
        this.session = session;
        this.out = out;
        this.classNames = classNames;
        this.timed = timed;
        this.learner = learner;
        this.keepCheckpoints = keepCheckpoints;
        this.title = title;
        this.resumed = resumed;
        this.table = new MetricsTable(session.metricsCsv(), session.metricsJsonl(), header(classNames));
    }

    /** The header of {@code metrics.csv} for these classes. */
    static String header(List<String> classNames) {
        StringBuilder header = new StringBuilder("round,labels,accuracy");
        for (String c : classNames) {
            header.append(',').append(csv("accuracy/" + c));
        }
        return header.append(",train_loss,train_accuracy,train_steps,train_s,score_s,select_s,oracle_s,queried,labeled,"
                + "skipped,final").toString();
    }

    @Override
    public void onLoopStart(LoopState state) {
        out.println();
        out.println(String.format(Locale.ROOT, "%5s %6s %8s %9s %5s %7s %7s %8s %8s %7s", "round", "labels",
                "accuracy", "train acc", "steps", "train s", "score s", "select s", "oracle s", "skipped"));
    }

    @Override
    public void onRoundStart(int round, LoopState state) {
        candidates = state.candidateCount();
        scoreSeconds = 0;
    }

    @Override
    public void onTrained(int round, int labeledCount, double seconds) {
        try {
            Path file = session.checkpoint(round);
            learner.saveCheckpoint(file);
            if (!keepCheckpoints) {
                removeOlderCheckpoints(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the checkpoint of round " + round, e);
        }
    }

    /**
     * Keeps only the latest checkpoint: earlier rounds' files, including those of a killed earlier
     * process, and temporary files a kill left mid-write.
     */
    private static void removeOlderCheckpoints(Path latest) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(latest.getParent())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                boolean checkpoint = name.matches("round-\\d+\\.ckpt");
                boolean leftover = name.matches("round-\\d+\\.ckpt.*\\.tmp");
                if ((checkpoint || leftover) && !f.equals(latest)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    @Override
    public void onEvaluated(int round, Metrics metrics) {
        timed.beginScoring(candidates);
    }

    @Override
    public void onQueried(int round, List<Query<PlanarImage>> queries, double seconds) {
        scoreSeconds = timed.endScoring();
    }

    @Override
    public void onRoundEnd(RoundSummary s) {
        double score = scoreSeconds;
        if (s.last()) {
            timed.endScoring(); // the final round scores nothing
            score = 0;
        }
        double accuracy = s.metrics().get(ClassificationEvaluator.ACCURACY).orElse(Double.NaN);
        // a round finished after a resume also counts the answers the killed process journaled
        int queried = Math.max(s.queried(), resumed.queried(s.round()));
        int labeled = s.labeled() + resumed.labeled(s.round());
        int skipped = s.skipped() + resumed.skipped(s.round());
        double select = Math.max(0, s.selectSeconds() - score);
        StringBuilder row = new StringBuilder().append(s.round()).append(',').append(s.labeledCount()).append(',')
                .append(num(accuracy));
        StringBuilder json = new StringBuilder("{\"round\":").append(s.round()).append(",\"labels\":")
                .append(s.labeledCount()).append(",\"accuracy\":").append(jsonNum(accuracy)).append(",\"per_class\":{");
        for (int c = 0; c < classNames.size(); c++) {
            double v = s.metrics().get(ClassificationEvaluator.ACCURACY + "/" + classNames.get(c)).orElse(Double.NaN);
            row.append(',').append(num(v));
            json.append(c > 0 ? "," : "").append(jsonString(classNames.get(c))).append(':').append(jsonNum(v));
        }
        double trainLoss = s.metrics().get(Learner.TRAIN_LOSS).orElse(Double.NaN);
        double trainAccuracy = s.metrics().get(Learner.TRAIN_ACCURACY).orElse(Double.NaN);
        double steps = s.metrics().get(Learner.TRAIN_STEPS).orElse(Double.NaN);
        row.append(',').append(num(trainLoss)).append(',').append(num(trainAccuracy)).append(',').append(num(steps))
                .append(',').append(num(s.trainSeconds())).append(',').append(num(score)).append(',').append(num(select))
                .append(',').append(num(s.oracleSeconds())).append(',').append(queried).append(',')
                .append(labeled).append(',').append(skipped).append(',').append(s.last());
        json.append("},\"train_loss\":").append(jsonNum(trainLoss)).append(",\"train_accuracy\":")
                .append(jsonNum(trainAccuracy)).append(",\"train_steps\":").append(jsonNum(steps))
                .append(",\"train_s\":").append(num(s.trainSeconds())).append(",\"score_s\":").append(num(score))
                .append(",\"select_s\":").append(num(select)).append(",\"oracle_s\":").append(num(s.oracleSeconds()))
                .append(",\"queried\":").append(queried).append(",\"labeled\":").append(labeled)
                .append(",\"skipped\":").append(skipped).append(",\"final\":").append(s.last()).append("}");
        try {
            table.put(new MetricsTable.Row(s.round(), s.labeledCount(), accuracy, s.last(), row.toString(),
                    json.toString()));
            List<MetricsTable.Row> rows = table.rows();
            double[] xs = rows.stream().mapToDouble(MetricsTable.Row::labels).toArray();
            double[] ys = rows.stream().mapToDouble(MetricsTable.Row::accuracy).toArray();
            LearningCurvePlot.write(session.plot(), title,
                    List.of(new LearningCurvePlot.Curve("test accuracy", xs, ys, null)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the metrics of round " + s.round() + " to " + session.dir(), e);
        }
        out.println(String.format(Locale.ROOT, "%5s %6d %8.4f %9.4f %5.0f %7.1f %7.1f %8.2f %8.1f %7d",
                s.last() ? s.round() + "*" : String.valueOf(s.round()), s.labeledCount(), accuracy, trainAccuracy,
                steps, s.trainSeconds(),
                score, select, s.oracleSeconds(), skipped));
    }

    @Override
    public void onLoopEnd(LoopResult result) {
        timed.endScoring();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : (Double.isNaN(v) ? "NaN" : "Infinity");
    }

    private static String jsonNum(double v) {
        return Double.isFinite(v) ? num(v) : "null";
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }
}
