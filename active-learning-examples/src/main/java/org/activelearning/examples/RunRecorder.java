package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final int testImages;
    private final boolean noTest;
    private java.util.function.IntToDoubleFunction annotatorTime = r -> Double.NaN;
    private int candidates;
    private double scoreSeconds;
    private int trainedRound = -1;
    private int trainedOn;
    private double trainSeconds;
    private Metrics evaluated = Metrics.EMPTY;

    RunRecorder(Session session, PrintStream out, List<String> classNames,
            InstrumentedLearner<PlanarImage, Integer> timed, ResNetLearner learner, boolean keepCheckpoints,
            String title, JournalCounts resumed, int testImages, boolean noTest) throws IOException {
        this.session = session;
        this.out = out;
        this.classNames = classNames;
        this.timed = timed;
        this.learner = learner;
        this.keepCheckpoints = keepCheckpoints;
        this.title = title;
        this.resumed = resumed;
        this.testImages = testImages;
        this.noTest = noTest;
        this.table = new MetricsTable(session.metricsCsv(), session.metricsJsonl(), classNames);
        // a process killed between a batch's last answer and its row's update left the row with the counts
        // of when the batch was chosen: the journal says what was answered
        for (RoundRecord row : table.rows()) {
            if (!row.last() && resumed.queried(row.round()) > 0) {
                RoundRecord counted = row.withCounts(resumed.queried(row.round()), resumed.labeled(row.round()),
                        resumed.skipped(row.round()));
                if (!counted.equals(row)) {
                    table.put(counted);
                }
            }
        }
    }

    @Override
    public void onLoopStart(LoopState state) {
        out.println();
        out.println(String.format(Locale.ROOT, "%5s %6s %8s %9s %5s %7s %7s %8s %8s %7s", "round", "labels",
                noTest ? "confid." : "accuracy", "train acc", "steps", "train s", "score s", "select s", "oracle s", "skipped"));
    }

    @Override
    public void onRoundStart(int round, LoopState state) {
        candidates = state.candidateCount();
        scoreSeconds = 0;
    }

    @Override
    public void onTrained(int round, int labeledCount, double seconds) {
        trainedRound = round;
        trainedOn = labeledCount;
        trainSeconds = seconds;
        evaluated = learner.trainingMetrics();
        try {
            Path file = session.checkpoint(round);
            learner.saveCheckpoint(file);
            if (!keepCheckpoints) {
                removeOlderCheckpoints(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the checkpoint of round " + round + ": " + Errors.reason(e), e);
        }
        timed.beginEvaluation(testImages);
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
        evaluated = metrics;
        timed.beginScoring(candidates);
    }

    @Override
    public void onQueried(int round, List<Query<PlanarImage>> queries, double seconds) {
        scoreSeconds = timed.endScoring();
        if (round > 0 && round == trainedRound) {
            // the round's model and timings are on disk before its first question: a process killed
            // mid-batch leaves them for the one that resumes the batch without retraining
            double select = Math.max(0, seconds - scoreSeconds);
            put(row(round, trainedOn, evaluated, trainSeconds, scoreSeconds, select, 0, queries.size(), 0, 0, false));
        }
    }

    @Override
    public void onRoundEnd(RoundSummary s) {
        double score = scoreSeconds;
        if (s.last()) {
            timed.endScoring(); // the final round scores nothing
            score = 0;
        }
        // a round finished after a resume also counts the answers the killed process journaled
        int queried = Math.max(s.queried(), resumed.queried(s.round()));
        int labeled = s.labeled() + resumed.labeled(s.round());
        int skipped = s.skipped() + resumed.skipped(s.round());
        RoundRecord r;
        if (s.resumed()) {
            RoundRecord saved = table.row(s.round()).orElse(null);
            r = saved != null ? saved.withAnswers(queried, labeled, skipped, s.oracleSeconds())
                    : row(s.round(), s.labeledCount(), Metrics.EMPTY, Double.NaN, Double.NaN, Double.NaN,
                            s.oracleSeconds(), queried, labeled, skipped, false);
        } else {
            double select = Math.max(0, s.selectSeconds() - score);
            r = row(s.round(), s.labeledCount(), s.metrics(), s.trainSeconds(), score, select, s.oracleSeconds(),
                    queried, labeled, skipped, s.last());
        }
        put(r);
        out.println(String.format(Locale.ROOT, "%5s %6d %8.4f %9.4f %5.0f %7.1f %7.1f %8.2f %8.1f %7d",
                r.last() ? r.round() + "*" : String.valueOf(r.round()), r.labels(),
                noTest ? r.poolConfidence() : r.accuracy(), r.trainAccuracy(),
                r.trainSteps(), r.trainSeconds(), r.scoreSeconds(), r.selectSeconds(), r.oracleSeconds(),
                r.skipped()));
    }

    /**
     * Where the seconds people spent on the answers before a round come from (the session's
     * {@code labels.csv} rows); NaN when not set.
     *
     * @param before seconds of the standing answers of the rounds before the given one
     */
    void withAnnotatorTime(java.util.function.IntToDoubleFunction before) {
        this.annotatorTime = before;
    }

    private RoundRecord row(int round, int labels, Metrics m, double train, double score, double select,
            double oracle, int queried, int labeled, int skipped, boolean last) {
        Map<String, Double> perClass = new LinkedHashMap<>();
        for (String c : classNames) {
            perClass.put(c, m.get(ClassificationEvaluator.ACCURACY + "/" + c).orElse(Double.NaN));
        }
        return new RoundRecord(round, labels, m.get(ClassificationEvaluator.ACCURACY).orElse(Double.NaN), perClass,
                m.get(PoolConfidence.METRIC).orElse(Double.NaN), m.get(Learner.TRAIN_LOSS).orElse(Double.NaN), m.get(Learner.TRAIN_ACCURACY).orElse(Double.NaN),
                m.get(Learner.TRAIN_STEPS).orElse(Double.NaN), train, score, select, oracle, queried, labeled,
                skipped, annotatorTime.applyAsDouble(round), last);
    }

    /**
     * Sets the answer counts of a round whose batch was answered outside the loop (the web page).
     *
     * @param round the round
     * @param labeled labels that stand
     * @param skipped skips that stand
     */
    void recordAnswers(int round, int labeled, int skipped) {
        table.row(round).ifPresent(r -> put(r.withCounts(labeled + skipped, labeled, skipped)));
    }

    /** Records the row and redraws the learning curve from every row so far. */
    private void put(RoundRecord row) {
        try {
            table.put(row);
            LearningCurvePlot.write(session.plot(), title, curves(table.rows(), noTest));
            List<LearningCurvePlot.Curve> byTime = curvesByMinutes(table.rows(), noTest);
            if (!byTime.isEmpty()) {
                LearningCurvePlot.write(session.dir().resolve("learning-curve-minutes.png"), title, byTime,
                        "annotators' minutes");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the metrics of round " + row.round() + " to "
                    + session.dir() + ": " + Errors.reason(e), e);
        }
    }

    /**
     * The query rounds' curve and, once trained, the final model as a point of its own labeled
     * "final"; without a test set, of the model's mean confidence on the pool instead of accuracy.
     */
    static List<LearningCurvePlot.Curve> curves(List<RoundRecord> rows, boolean confidence) {
        java.util.function.ToDoubleFunction<RoundRecord> y = confidence ? RoundRecord::poolConfidence
                : RoundRecord::accuracy;
        List<RoundRecord> rounds = rows.stream().filter(r -> !r.last()).toList();
        List<LearningCurvePlot.Curve> curves = new java.util.ArrayList<>();
        curves.add(new LearningCurvePlot.Curve(confidence ? "mean confidence on the pool (no test set)"
                : "test accuracy after each round's training", rounds.stream().mapToDouble(RoundRecord::labels)
                .toArray(), rounds.stream().mapToDouble(y).toArray(), null));
        rows.stream().filter(RoundRecord::last).findFirst().ifPresent(f -> curves.add(new LearningCurvePlot.Curve(
                "final (trained on every label)", new double[] {f.labels()}, new double[] {y.applyAsDouble(f)}, null)));
        return curves;
    }

    /** The same curve against the minutes people spent labeling, for the rounds where that is known. */
    static List<LearningCurvePlot.Curve> curvesByMinutes(List<RoundRecord> rows, boolean confidence) {
        List<RoundRecord> known = rows.stream().filter(r -> Double.isFinite(r.annotatorSeconds())).toList();
        if (known.isEmpty()) {
            return List.of();
        }
        java.util.function.ToDoubleFunction<RoundRecord> y = confidence ? RoundRecord::poolConfidence
                : RoundRecord::accuracy;
        return List.of(new LearningCurvePlot.Curve(confidence ? "mean confidence on the pool" : "test accuracy",
                known.stream().mapToDouble(r -> r.annotatorSeconds() / 60).toArray(), known.stream().mapToDouble(y)
                .toArray(), null));
    }

    @Override
    public void onLoopEnd(LoopResult result) {
        timed.endScoring();
    }
}
