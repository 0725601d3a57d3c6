package org.activelearning.core.testing;

import java.util.List;
import java.util.stream.IntStream;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Learner;
import org.activelearning.core.Probabilities;

/** A small pure-Java multinomial logistic regression, trained from scratch by full-batch gradient descent. */
public final class SoftmaxRegression implements Learner<double[], Integer> {

    private final int classes;
    private final int dims;
    private final int iterations;
    private final double learningRate;
    private final double l2;
    private double[][] w; // classes x (dims + 1)
    public int fitCalls;

    public SoftmaxRegression(int classes, int dims) {
        this(classes, dims, 1000, 0.5, 1e-3);
    }

    public SoftmaxRegression(int classes, int dims, int iterations, double learningRate, double l2) {
        this.classes = classes;
        this.dims = dims;
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.w = new double[classes][dims + 1];
    }

    @Override
    public List<Integer> classes() {
        return IntStream.range(0, classes).boxed().toList();
    }

    @Override
    public void fit(List<LabeledExample<double[], Integer>> labeled) {
        fitCalls++;
        w = new double[classes][dims + 1];
        int n = labeled.size();
        double[] p = new double[classes];
        for (int it = 0; it < iterations; it++) {
            double[][] grad = new double[classes][dims + 1];
            for (LabeledExample<double[], Integer> e : labeled) {
                softmax(e.input(), p);
                for (int c = 0; c < classes; c++) {
                    double g = p[c] - (c == e.label() ? 1 : 0);
                    for (int d = 0; d < dims; d++) {
                        grad[c][d] += g * e.input()[d];
                    }
                    grad[c][dims] += g;
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int d = 0; d <= dims; d++) {
                    w[c][d] -= learningRate * (grad[c][d] / n + (d < dims ? l2 * w[c][d] : 0));
                }
            }
        }
    }

    private void softmax(double[] x, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double z = w[c][dims];
            for (int d = 0; d < dims; d++) {
                z += w[c][d] * x[d];
            }
            out[c] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            out[c] = Math.exp(out[c] - max);
            sum += out[c];
        }
        for (int c = 0; c < classes; c++) {
            out[c] /= sum;
        }
    }

    @Override
    public Probabilities predictProbabilities(List<double[]> inputs) {
        float[] values = new float[inputs.size() * classes];
        double[] p = new double[classes];
        for (int i = 0; i < inputs.size(); i++) {
            softmax(inputs.get(i), p);
            for (int c = 0; c < classes; c++) {
                values[i * classes + c] = (float) p[c];
            }
        }
        return Probabilities.wrap(inputs.size(), classes, values);
    }
}
