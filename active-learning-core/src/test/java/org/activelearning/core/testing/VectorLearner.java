package org.activelearning.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.IntStream;
import org.activelearning.core.EmbeddingModel;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Learner;
import org.activelearning.core.Probabilities;
import org.activelearning.core.StochasticModel;

/**
 * A learner whose input is its id, with embeddings, probabilities and stochastic passes given as
 * functions of the id; it records every id it was asked about and its largest call.
 */
public final class VectorLearner implements Learner<Long, Integer>, EmbeddingModel<Long>, StochasticModel<Long> {

    private final int classes;
    private final int dim;
    private final LongFunction<float[]> embedding;
    private final LongFunction<double[]> probabilities;
    /** Pass t of id: probabilities; null when stochastic passes are not given. */
    private final PassFunction passes;
    public final List<Long> embedded = new ArrayList<>();
    public final List<Long> predicted = new ArrayList<>();
    public int largestCall;

    /** The probabilities of one input in one stochastic pass. */
    @FunctionalInterface
    public interface PassFunction {
        double[] pass(long id, int pass);
    }

    public VectorLearner(int classes, int dim, LongFunction<float[]> embedding, LongFunction<double[]> probabilities,
            PassFunction passes) {
        this.classes = classes;
        this.dim = dim;
        this.embedding = embedding;
        this.probabilities = probabilities;
        this.passes = passes;
    }

    @Override
    public List<Integer> classes() {
        return IntStream.range(0, classes).boxed().toList();
    }

    @Override
    public void fit(List<LabeledExample<Long, Integer>> labeled) {}

    @Override
    public Probabilities predictProbabilities(List<Long> inputs) {
        largestCall = Math.max(largestCall, inputs.size());
        predicted.addAll(inputs);
        float[] v = new float[inputs.size() * classes];
        for (int i = 0; i < inputs.size(); i++) {
            double[] r = probabilities.apply(inputs.get(i));
            for (int c = 0; c < classes; c++) {
                v[i * classes + c] = (float) r[c];
            }
        }
        return Probabilities.wrap(inputs.size(), classes, v);
    }

    @Override
    public int embeddingSize() {
        return dim;
    }

    @Override
    public float[][] embed(List<Long> inputs) {
        largestCall = Math.max(largestCall, inputs.size());
        embedded.addAll(inputs);
        float[][] rows = new float[inputs.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = embedding.apply(inputs.get(i));
        }
        return rows;
    }

    @Override
    public Probabilities[] predictStochastic(List<Long> inputs, int count, long seed) {
        largestCall = Math.max(largestCall, inputs.size());
        Probabilities[] out = new Probabilities[count];
        for (int t = 0; t < count; t++) {
            float[] v = new float[inputs.size() * classes];
            for (int i = 0; i < inputs.size(); i++) {
                double[] r = passes.pass(inputs.get(i), t);
                for (int c = 0; c < classes; c++) {
                    v[i * classes + c] = (float) r[c];
                }
            }
            out[t] = Probabilities.wrap(inputs.size(), classes, v);
        }
        return out;
    }
}
