package org.activelearning.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.activelearning.core.ClassificationEvaluator;
import org.activelearning.core.Oracle;
import org.activelearning.core.Pool;
import org.activelearning.core.Answer;
import org.activelearning.core.Query;

/**
 * A linearly separable 3-class problem in 2-D whose classes are sectors around a point off the
 * origin: most points are far from any boundary and say little, so a learner gains most from the
 * few near the boundaries. Uncertainty sampling finds those; random sampling rarely does.
 */
public final class SyntheticProblem {

    public final double[][] poolInputs;
    public final int[] poolLabels;
    public final List<double[]> testInputs = new ArrayList<>();
    public final List<Integer> testLabels = new ArrayList<>();

    public SyntheticProblem(int poolSize, int testSize, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        poolInputs = new double[poolSize][];
        poolLabels = new int[poolSize];
        for (int i = 0; i < poolSize; i++) {
            poolInputs[i] = point(rnd);
            poolLabels[i] = label(poolInputs[i]);
        }
        for (int i = 0; i < testSize; i++) {
            double[] x = point(rnd);
            testInputs.add(x);
            testLabels.add(label(x));
        }
    }

    private static double[] point(SplittableRandom rnd) {
        return new double[] {rnd.nextDouble(-3, 3), rnd.nextDouble(-3, 3)};
    }

    /** Three half-plane rules: the true boundaries are lines through (0.4, -0.3). */
    public static int label(double[] x) {
        double a = x[0] - 0.4;
        double b = x[1] + 0.3;
        double s0 = 1.0 * a + 0.2 * b;
        double s1 = -0.5 * a + 0.9 * b;
        double s2 = -0.5 * a - 1.1 * b;
        return s0 >= s1 && s0 >= s2 ? 0 : (s1 >= s2 ? 1 : 2);
    }

    public Pool<double[]> pool() {
        return Pool.range(0, poolInputs.length, id -> poolInputs[(int) id]);
    }

    public ClassificationEvaluator<double[], Integer> evaluator() {
        return new ClassificationEvaluator<>(testInputs, testLabels, 64, String::valueOf);
    }

    /** Answers every query with the ground truth, recording what was asked. */
    public RecordingOracle oracle() {
        return new RecordingOracle(this);
    }

    /** A ground-truth oracle that remembers every id it was asked about. */
    public static final class RecordingOracle implements Oracle<double[], Integer> {
        private final SyntheticProblem problem;
        public final List<Long> asked = new ArrayList<>();

        RecordingOracle(SyntheticProblem problem) {
            this.problem = problem;
        }

        @Override
        public void label(List<Query<double[]>> queries, org.activelearning.core.AnswerSink<Integer> answers) {
            for (Query<double[]> q : queries) {
                asked.add(q.id());
                answers.accept(Answer.of(q.id(), problem.poolLabels[(int) q.id()]));
            }
        }

        @Override
        public String name() {
            return "ground-truth";
        }
    }
}
