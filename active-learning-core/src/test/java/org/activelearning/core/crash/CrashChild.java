package org.activelearning.core.crash;

import java.nio.file.Path;
import org.activelearning.core.ActiveLearningLoop;
import org.activelearning.core.Answer;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.Oracle;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.strategy.QueryStrategies;
import org.activelearning.core.testing.SoftmaxRegression;
import org.activelearning.core.testing.SyntheticProblem;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: a loop with a slow scripted oracle that prints
 * "ACK id" once the loop has accepted (and journaled) each answer, until the parent kills it.
 */
public final class CrashChild {

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        SyntheticProblem p = new SyntheticProblem(300, 50, 77);
        Oracle<double[], Integer> slow = (queries, answers) -> {
            for (var q : queries) {
                Thread.sleep(40);
                answers.accept(Answer.of(q.id(), p.poolLabels[(int) q.id()]));
                System.out.println("ACK " + q.id());
                System.out.flush();
            }
        };
        try (LabelJournal<Integer> journal = LabelJournal.open(Path.of(args[0]), LabelCodec.integers())) {
            ActiveLearningLoop.<double[], Integer>builder()
                    .setPool(p.pool()).setLearner(new SoftmaxRegression(3, 2)).setOracle(slow)
                    .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(5))
                    .optQuerySize(5).optStoppingCriterion(StoppingCriteria.maxRounds(50)).optJournal(journal)
                    .build().run();
        }
    }
}
