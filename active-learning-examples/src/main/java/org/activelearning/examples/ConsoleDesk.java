package org.activelearning.examples;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.activelearning.core.Answer;
import org.activelearning.core.AnswerSink;
import org.activelearning.core.LabelingDesk;
import org.activelearning.core.LabelingSession;
import org.activelearning.core.Metrics;
import org.activelearning.core.Query;
import org.activelearning.djl.ResNetLearner;
import org.activelearning.djl.data.PlanarImage;

/**
 * {@code run --oracle console --background-training}: the person at the console labels batch after
 * batch through a {@link LabelingDesk} while the next model trains in the background, so they wait
 * only for the first model and the final one. The console shows the same screen as without.
 */
final class ConsoleDesk {

    private ConsoleDesk() {}

    /** How the session ended. */
    record Outcome(boolean finished, Metrics last) {}

    /**
     * Labels until the final model is trained or the person quits.
     *
     * @param deskOut receives the desk as soon as it exists (the console's guesses come from it)
     * @return finished with the final model's metrics, or not finished (the person quit)
     */
    static Outcome run(LabelingSession<PlanarImage, Integer> session, ResNetLearner secondModel, ConsoleOracle console,
            int querySize, int rounds, RunRecorder recorder, LabelsCsv labels,
            java.util.function.Consumer<LabelingDesk<PlanarImage, Integer>> deskOut) throws Exception {
        Metrics[] last = {null};
        LabelingDesk<PlanarImage, Integer> desk = new LabelingDesk<>(session, querySize, rounds, Duration.ofDays(1),
                System::nanoTime, WebLabeling.recording(recorder, labels, true, m -> last[0] = m))
                .withAnswerListener(labels).withBackgroundTraining(secondModel);
        deskOut.accept(desk);
        String who = console.name();
        try {
            while (true) {
                LabelingDesk.Status[] status = new LabelingDesk.Status[1];
                List<LabelingDesk.Next<PlanarImage>> batch = desk.takeBatch(who, status);
                if (batch.isEmpty()) {
                    if (status[0] == LabelingDesk.Status.DONE) {
                        return new Outcome(true, last[0]);
                    }
                    if (desk.failure() != null) {
                        throw new IllegalStateException("Background training failed: " + desk.failure().getMessage(),
                                desk.failure());
                    }
                    Thread.sleep(200); // the final model is training
                    continue;
                }
                List<Query<PlanarImage>> queries = batch.stream().map(LabelingDesk.Next::query).toList();
                console.onQueried(batch.get(0).round(), queries, 0);
                Set<Long> answered = new HashSet<>();
                console.label(queries, new AnswerSink<>() {
                    @Override
                    public void accept(Answer<Integer> answer) {
                        desk.answer(who, answer);
                        answered.add(answer.id());
                    }

                    @Override
                    public void retract(long id) {
                        answered.remove(desk.undo(who));
                    }
                });
                if (answered.size() < queries.size()) {
                    return new Outcome(false, null); // the person quit; every answer is journaled
                }
            }
        } finally {
            desk.close();
        }
    }
}
