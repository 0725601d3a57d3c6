package org.activelearning.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Accuracy and per-class accuracy (recall) on a held-out labeled set, predicted in batches.
 *
 * <p>Metric names: {@code accuracy}, and {@code accuracy/<class name>} for every class.
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
public final class ClassificationEvaluator<X, Y> implements Evaluator<X, Y> {

    /** The name of the overall accuracy metric. */
    public static final String ACCURACY = "accuracy";

    private final List<X> inputs;
    private final List<Y> truth;
    private final int batchSize;
    private final Function<Y, String> className;

    /**
     * Creates the evaluator.
     *
     * @param inputs the held-out inputs; read, not copied (a lazy list stays lazy), so it must not change
     * @param truth their true labels, same size
     * @param batchSize inputs per prediction call, positive
     * @param className names a class for the per-class metric keys
     */
    public ClassificationEvaluator(List<X> inputs, List<Y> truth, int batchSize, Function<Y, String> className) {
        if (inputs.size() != truth.size()) {
            throw new IllegalArgumentException(
                    "Held-out set has " + inputs.size() + " inputs but " + truth.size() + " labels; they must match");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Held-out set is empty; give at least one labeled example");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        // read, not copied: a lazy list (images decoded from disk on demand) stays lazy
        this.inputs = java.util.Collections.unmodifiableList(inputs);
        this.truth = List.copyOf(truth);
        this.batchSize = batchSize;
        this.className = Objects.requireNonNull(className, "className");
    }

    @Override
    public Metrics evaluate(Learner<X, Y> learner) {
        List<Y> classes = learner.classes();
        int[] correct = new int[classes.size()];
        int[] total = new int[classes.size()];
        Map<Y, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int allCorrect = 0;
        for (int start = 0; start < inputs.size(); start += batchSize) {
            List<X> batch = new ArrayList<>(inputs.subList(start, Math.min(inputs.size(), start + batchSize)));
            Probabilities p = learner.predictProbabilities(batch);
            for (int r = 0; r < batch.size(); r++) {
                Y y = truth.get(start + r);
                Integer c = index.get(y);
                if (c == null) {
                    throw new IllegalArgumentException("Held-out label '" + y + "' at position " + (start + r)
                            + " is not one of the learner's classes " + classes);
                }
                total[c]++;
                if (p.argMax(r) == c) {
                    correct[c]++;
                    allCorrect++;
                }
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(ACCURACY, allCorrect / (double) inputs.size());
        for (int c = 0; c < classes.size(); c++) {
            m.put(ACCURACY + "/" + className.apply(classes.get(c)), total[c] == 0 ? Double.NaN : correct[c] / (double) total[c]);
        }
        return new Metrics(m);
    }
}
