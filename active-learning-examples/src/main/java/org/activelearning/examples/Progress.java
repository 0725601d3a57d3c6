package org.activelearning.examples;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.activelearning.djl.TrainingProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress with ETA for training and pool scoring: bars on a terminal, and when the output is not
 * a terminal, a log line at most every 15 seconds and one at the end.
 */
public final class Progress implements TrainingProgress {

    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final long LOG_INTERVAL_NANOS = 15_000_000_000L;

    private final boolean interactive;
    private final PrintStream terminal;
    private final int columns;
    private Task training;
    private Task scoring;

    /**
     * Creates the progress display.
     *
     * @param interactive true to draw bars on the terminal, false to log periodic lines
     * @param terminal where bars are drawn
     */
    public Progress(boolean interactive, PrintStream terminal) {
        this(interactive, terminal, interactive ? TerminalSize.detect().columns() : TerminalSize.DEFAULT.columns());
    }

    /**
     * Creates the progress display for a terminal of a known width.
     *
     * @param interactive true to draw bars on the terminal, false to log periodic lines
     * @param terminal where bars are drawn
     * @param columns the terminal's width: a bar and its trailing text take at most one column less,
     *     so that it never wraps and is redrawn on one line
     */
    public Progress(boolean interactive, PrintStream terminal, int columns) {
        this.interactive = interactive;
        this.terminal = terminal;
        this.columns = Math.max(20, columns);
    }

    /** One tracked task: a bar, or periodic log lines. */
    private final class Task {
        private final String name;
        private final long max;
        private final String unit;
        private final ProgressBar bar;
        private final long start = System.nanoTime();
        private long lastLog = start;
        private long done;
        private String extra = "";

        Task(String name, long max, String unit) {
            this.name = name;
            this.max = max;
            this.unit = unit;
            this.bar = interactive
                    ? new ProgressBarBuilder().setTaskName(name).setInitialMax(max).showSpeed().setUnit(" " + unit, 1)
                            .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                            .setConsumer(new ConsoleProgressBarConsumer(terminal, columns - 1))
                            .setUpdateIntervalMillis(250).build()
                    : null;
        }

        void step(long n, String message) {
            done += n;
            extra = message;
            if (bar != null) {
                bar.stepBy(n);
                bar.setExtraMessage(message.isEmpty() ? "" : " " + message);
            } else if (System.nanoTime() - lastLog > LOG_INTERVAL_NANOS) {
                lastLog = System.nanoTime();
                log();
            }
        }

        void finish() {
            if (bar != null) {
                bar.close();
            } else {
                log();
            }
        }

        private void log() {
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = done == 0 ? Double.NaN : elapsed * (max - done) / done;
            LOG.info(String.format(Locale.ROOT, "%s: %d/%d %s (%.0f%%), %.1f s elapsed%s%s", name, done, max, unit,
                    max == 0 ? 100.0 : 100.0 * done / max, elapsed,
                    done < max && Double.isFinite(eta) ? String.format(Locale.ROOT, ", ETA %.0f s", eta) : "",
                    extra.isEmpty() ? "" : ", " + extra));
        }
    }

    @Override
    public void trainingPlanned(int steps, int batchesPerEpoch, int examples) {
        training = new Task("Training on " + plural(examples, "label") + ", " + plural(steps, "step"), steps,
                "steps");
    }

    /** {@code 1 label}, {@code 2 labels}. */
    static String plural(long n, String noun) {
        return plural(n, noun, noun + "s");
    }

    /** {@code 1 query}, {@code 2 queries}. */
    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    @Override
    public void batchTrained(int epoch, int batch, float loss) {
        if (training != null) {
            training.step(1, String.format(Locale.ROOT, "epoch %d, loss %.3f", epoch, loss));
        }
    }

    @Override
    public void trainingFinished() {
        if (training != null) {
            training.finish();
            training = null;
        }
    }

    /**
     * Pool scoring starts.
     *
     * @param candidates how many images will be scored
     */
    public void scoringStarted(int candidates) {
        scoring = new Task("Scoring the pool", candidates, "images");
    }

    /**
     * Evaluation (on the test set, or the pool's confidence) starts; it reports through {@link #scored} and
     * {@link #scoringFinished} like pool scoring.
     *
     * @param images how many test images will be predicted
     */
    public void evaluationStarted(int images) {
        scoring = new Task("Evaluating", images, "images");
    }

    /**
     * Some images were scored.
     *
     * @param images how many
     */
    public void scored(int images) {
        if (scoring != null) {
            scoring.step(images, "");
        }
    }

    /** Pool scoring ended. */
    public void scoringFinished() {
        if (scoring != null) {
            scoring.finish();
            scoring = null;
        }
    }
}
