package org.activelearning.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.activelearning.core.ClassificationEvaluator;
import org.activelearning.core.LabelingDesk;
import org.activelearning.core.LabelingSession;
import org.activelearning.core.Learner;
import org.activelearning.core.Metrics;
import org.activelearning.core.Pool;
import org.activelearning.core.RoundSummary;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.ImageDecoder;
import org.activelearning.djl.data.PlanarImage;

/**
 * {@code run --oracle web}: the session is labeled in browsers through {@link LabelingServer}
 * while this thread waits for the final training; every training is recorded like a console run's
 * rounds (checkpoint, metrics row, learning curve), and {@code labels.csv} follows every answer.
 * With a second model ({@code --background-training}) the next model trains while people label;
 * metrics rows are then one per trained model.
 */
final class WebLabeling {

    /** Side of the box own images are scaled into for the page, in pixels. */
    static final int DISPLAY = 512;

    private WebLabeling() {}

    /**
     * Parses {@code HOST:PORT} (or a bare port, on 127.0.0.1).
     *
     * @param listen the option value
     * @return the address
     * @throws IllegalArgumentException naming the value
     */
    static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : listen.substring(0, colon);
        String port = colon < 0 ? listen : listen.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(InetAddress.getByName(host), p);
        } catch (NumberFormatException | IOException e) {
            throw new IllegalArgumentException("--listen must be HOST:PORT or PORT (0 to 65535), got '" + listen + "'");
        }
    }

    /**
     * Serves the page until the last round is answered and the final model trained.
     *
     * @return what the final model measured
     */
    static Metrics serve(LabelingSession<PlanarImage, Integer> session, Pool<PlanarImage> pool, RunData data,
            ResNetLearner secondModel, List<String> classNames, int querySize, int rounds, InetSocketAddress listen,
            Duration lease, RunRecorder recorder, LabelsCsv labels, Session s, PrintStream out) throws Exception {
        CountDownLatch finished = new CountDownLatch(1);
        Metrics[] last = {Metrics.EMPTY};
        LabelingDesk<PlanarImage, Integer>[] holder = new LabelingDesk[1];
        LabelingDesk<PlanarImage, Integer> desk = new LabelingDesk<>(session, querySize, rounds, lease,
                System::nanoTime, recording(recorder, labels, secondModel != null, m -> {
                    last[0] = m;
                    finished.countDown();
                })).withAnswerListener(labels);
        if (secondModel != null) {
            desk.withBackgroundTraining(secondModel);
        }
        holder[0] = desk;
        try (LabelingServer server = new LabelingServer(listen, desk, classNames, id -> display(pool, data, id),
                id -> guesses(holder[0], pool, id), s.plot())) {
            String host = listen.getAddress().isAnyLocalAddress() ? "localhost" : listen.getHostString();
            out.println("Label in your browser: " + server.url(host));
            out.println("Several people can label at once; each needs a name. The session ends after the final "
                    + "training; Ctrl-C stops it, and every answer given is saved.");
            out.flush();
            while (!finished.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                RuntimeException failed = desk.failure();
                if (failed != null) {
                    throw new IllegalStateException("Background training failed: " + failed.getMessage()
                            + "; every answer given so far is saved, and the same command resumes", failed);
                }
            }
        } finally {
            desk.close();
        }
        return last[0];
    }

    /**
     * Records each training like a round of the loop: checkpoint, metrics row (with the answer
     * counts of the batch before it, when trainings follow batches), learning curve and labels.csv.
     *
     * @param onLast told the final model's metrics
     */
    static LabelingDesk.TrainingListener recording(RunRecorder recorder, LabelsCsv labels, boolean background,
            java.util.function.Consumer<Metrics> onLast) {
        return (round, labeled, metrics, isLast) -> {
            if (!background) {
                // the batch before this training is answered: its row gets its counts
                int[] before = labels.counts(round - 1);
                recorder.recordAnswers(round - 1, before[0], before[1]);
            }
            recorder.onTrained(round, labeled, metrics.get(Learner.TRAIN_SECONDS).orElse(0.0));
            recorder.onEvaluated(round, metrics);
            recorder.onRoundEnd(new RoundSummary(round, labeled, metrics,
                    metrics.get(Learner.TRAIN_SECONDS).orElse(Double.NaN), 0, 0, 0, 0, 0, 0, isLast));
            labels.write();
            if (isLast) {
                onLast.accept(metrics);
            }
        };
    }

    /** Own images at their real aspect (decoded from the file), CIFAR images as they are. */
    private static PlanarImage display(Pool<PlanarImage> pool, RunData data, long id) {
        java.nio.file.Path file = data.file(id);
        if (file != null) {
            try {
                return ImageDecoder.fit(file, DISPLAY, DISPLAY);
            } catch (IOException e) {
                // the model's input is still in the pool
            }
        }
        return pool.input(id);
    }

    /** The selecting model's probabilities for an image (never those of a model in training). */
    private static float[] guesses(LabelingDesk<PlanarImage, Integer> desk, Pool<PlanarImage> pool, long id) {
        org.activelearning.core.Probabilities p = desk.predict(List.of(pool.input(id)));
        return p == null ? null : p.row(0);
    }

    /** The headline figure of the final model: test accuracy, else the pool confidence. */
    static String headline(Metrics m) {
        java.util.OptionalDouble accuracy = m.get(ClassificationEvaluator.ACCURACY);
        if (accuracy.isPresent()) {
            return String.format(java.util.Locale.ROOT, "Final test accuracy %.4f", accuracy.getAsDouble());
        }
        java.util.OptionalDouble confidence = m.get(PoolConfidence.METRIC);
        return confidence.isPresent() ? String.format(java.util.Locale.ROOT, "Final mean confidence on the pool %.4f",
                confidence.getAsDouble()) : "No evaluation";
    }
}
