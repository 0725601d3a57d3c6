package org.activelearning.examples;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.Answer;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LabelingDesk;
import org.activelearning.core.LabelingSession;
import org.activelearning.core.Pool;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.djl.ResNet18;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.CifarDataset;
import org.activelearning.djl.data.PlanarImage;
import org.activelearning.djl.data.SyntheticImages;

/**
 * How long a person waits for models: a scripted annotator who takes a fixed time per answer
 * labels the synthetic set through a {@link LabelingDesk}, once training synchronously after each
 * batch and once in the background, and the wall-clock time and the time spent waiting are
 * printed for both. Figures, not assertions.
 */
final class LabelingTimeBenchmark {

    private LabelingTimeBenchmark() {}

    /**
     * Runs both modes.
     *
     * @param quick tiny sizes (for checking that it runs)
     * @param device the device choice
     * @param emit prints one JSON object
     */
    static void run(boolean quick, String device, Consumer<Map<String, ?>> emit) {
        int poolSize = quick ? 60 : 2000;
        int initial = quick ? 6 : 50;
        int k = quick ? 4 : 20;
        int rounds = quick ? 2 : 3;
        double answerSeconds = quick ? 0.01 : 1.0;
        int minSteps = quick ? 0 : 200;
        CifarDataset pool = SyntheticImages.generate(poolSize, 11);
        for (boolean background : new boolean[] {false, true}) {
            try (ResNetLearner first = learner(pool, device, minSteps);
                    ResNetLearner second = background ? learner(pool, device, minSteps) : null) {
                LabelingSession<PlanarImage, Integer> session = ActiveLearningLoop
                        .builder(Pool.range(0, pool.size(), id -> pool.image((int) id)), first)
                        .setStrategy(QueryStrategies.leastConfidence())
                        .optInitialSelection(InitialSelection.random(initial)).optSeed(3).buildSession();
                int[] trainings = {0};
                LabelingDesk<PlanarImage, Integer> desk = new LabelingDesk<>(session, k, rounds,
                        Duration.ofHours(1), System::nanoTime, (r, labels, m, last) -> trainings[0]++);
                if (second != null) {
                    desk.withBackgroundTraining(second);
                }
                long start = System.nanoTime();
                double waited = 0;
                int answers = 0;
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        LabelingDesk.Next<PlanarImage> n = desk.next("scripted");
                        if (n.status() == LabelingDesk.Status.DONE) {
                            waited += seconds(t0);
                            break;
                        }
                        if (n.status() == LabelingDesk.Status.WAIT) {
                            Thread.sleep(20);
                            waited += seconds(t0);
                            continue;
                        }
                        waited += seconds(t0);
                        Thread.sleep((long) (answerSeconds * 1000));
                        long id = n.query().id();
                        desk.answer("scripted", Answer.of(id, pool.label((int) id)));
                        answers++;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    desk.close();
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("bench", "labeling_time");
                m.put("mode", background ? "background" : "synchronous");
                m.put("pool", poolSize);
                m.put("answers", answers);
                m.put("answer_s", answerSeconds);
                m.put("trainings", trainings[0]);
                m.put("wall_s", Math.round(seconds(start) * 10) / 10.0);
                m.put("waited_s", Math.round(waited * 10) / 10.0);
                m.put("labeling_s", Math.round(answers * answerSeconds * 10) / 10.0);
                emit.accept(m);
            }
        }
    }

    private static ResNetLearner learner(CifarDataset pool, String device, int minSteps) {
        return ResNetLearner.builder().setClassNames(pool.classes()).optStem(ResNet18.Stem.IMAGENET).optEpochs(1)
                .optMinSteps(minSteps).optBatchSize(32).optDevice(device).optSeed(5).build();
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The sections list entry. */
    static final String SECTION = "labeling";
}
