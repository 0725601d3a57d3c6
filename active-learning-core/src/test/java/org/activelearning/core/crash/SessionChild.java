package org.activelearning.core.crash;

import java.nio.file.Path;
import java.util.List;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.Answer;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.LabelingSession;
import org.activelearning.core.Query;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.testing.SoftmaxRegression;
import org.activelearning.core.testing.SyntheticProblem;

/**
 * Run in a child JVM by the pull-API crash test: a labeling tool's event loop that queries batches
 * of 5, teaches each answer after a delay and prints "ACK id" once teach() returned, retraining
 * after each batch, until the parent kills it.
 */
public final class SessionChild {

    private SessionChild() {}

    public static void main(String[] args) throws Exception {
        SyntheticProblem p = new SyntheticProblem(300, 50, 78);
        try (LabelJournal<Integer> journal = LabelJournal.open(Path.of(args[0]), LabelCodec.integers())) {
            LabelingSession<double[], Integer> session = ActiveLearningLoop.builder(p.pool(), new SoftmaxRegression(3, 2))
                    .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(5))
                    .optJournal(journal).buildSession();
            for (int batch = 0; batch < 50; batch++) {
                List<Query<double[]>> queries = session.query(5);
                for (Query<double[]> q : queries) {
                    Thread.sleep(40);
                    session.teach(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
                    System.out.println("ACK " + q.id());
                    System.out.flush();
                }
                session.retrain();
            }
        }
    }
}
