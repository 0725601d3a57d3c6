package org.activelearning.core.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Learner;
import org.activelearning.core.Probabilities;

/** A learner whose input is its id and whose probabilities are fixed per id; it counts scoring calls. */
public final class FixedLearner implements Learner<Long, Integer> {

    private final Map<Long, double[]> rows;
    private final int classes;
    public int predictCalls;
    public int largestCall;

    public FixedLearner(int classes, Map<Long, double[]> rows) {
        this.classes = classes;
        this.rows = rows;
    }

    @Override
    public List<Integer> classes() {
        return IntStream.range(0, classes).boxed().toList();
    }

    @Override
    public void fit(List<LabeledExample<Long, Integer>> labeled) {}

    @Override
    public Probabilities predictProbabilities(List<Long> inputs) {
        predictCalls++;
        largestCall = Math.max(largestCall, inputs.size());
        float[] v = new float[inputs.size() * classes];
        for (int i = 0; i < inputs.size(); i++) {
            double[] r = rows.get(inputs.get(i));
            for (int c = 0; c < classes; c++) {
                v[i * classes + c] = (float) r[c];
            }
        }
        return Probabilities.wrap(inputs.size(), classes, v);
    }
}
