package org.activelearning.core;

import java.util.Arrays;

/**
 * A row-major matrix of class probabilities held in one heap array: one row per input, one column
 * per class. Rows are expected to sum to one but this is not enforced, because stochastic and
 * calibrated models may deviate slightly; non-finite values are reported by the strategies that
 * read them.
 */
public final class Probabilities {

    private final int rows;
    private final int classes;
    private final float[] values;

    private Probabilities(int rows, int classes, float[] values) {
        this.rows = rows;
        this.classes = classes;
        this.values = values;
    }

    /**
     * Wraps a row-major array without copying; the caller must not modify it afterwards.
     *
     * @param rows number of rows (inputs), {@code >= 0}
     * @param classes number of columns (classes), {@code >= 1}
     * @param values {@code rows * classes} values, row-major
     * @return the matrix
     */
    public static Probabilities wrap(int rows, int classes, float[] values) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        if (values.length != (long) rows * classes) {
            throw new IllegalArgumentException("Expected rows * classes = " + rows + " * " + classes + " = "
                    + (long) rows * classes + " values, got " + values.length);
        }
        return new Probabilities(rows, classes, values);
    }

    /**
     * Copies rows of probabilities into a matrix.
     *
     * @param rows the rows, all of the same length
     * @return the matrix
     */
    public static Probabilities of(double[]... rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("Use wrap(0, classes, new float[0]) for an empty matrix");
        }
        int classes = rows[0].length;
        float[] values = new float[rows.length * classes];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != classes) {
                throw new IllegalArgumentException(
                        "Row " + r + " has " + rows[r].length + " classes, row 0 has " + classes);
            }
            for (int c = 0; c < classes; c++) {
                values[r * classes + c] = (float) rows[r][c];
            }
        }
        return wrap(rows.length, classes, values);
    }

    /**
     * The number of rows.
     *
     * @return rows
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of classes (columns).
     *
     * @return classes
     */
    public int classes() {
        return classes;
    }

    /**
     * One probability.
     *
     * @param row the row
     * @param cls the class column
     * @return the probability
     */
    public float get(int row, int cls) {
        if (row < 0 || row >= rows || cls < 0 || cls >= classes) {
            throw new IndexOutOfBoundsException("(" + row + ", " + cls + ") is outside this " + rows + " x " + classes
                    + " probability matrix");
        }
        return values[row * classes + cls];
    }

    /**
     * A copy of one row.
     *
     * @param row the row
     * @return the row's probabilities
     */
    public float[] row(int row) {
        return Arrays.copyOfRange(values, row * classes, (row + 1) * classes);
    }

    /**
     * The column of the largest probability in a row; ties go to the smaller column.
     *
     * @param row the row
     * @return the predicted class column
     */
    public int argMax(int row) {
        int best = 0;
        int base = row * classes;
        for (int c = 1; c < classes; c++) {
            if (values[base + c] > values[base + best]) {
                best = c;
            }
        }
        return best;
    }

    /**
     * The first non-finite value's column in a row, or -1 when all are finite.
     *
     * @param row the row
     * @return the column or -1
     */
    public int firstNonFinite(int row) {
        int base = row * classes;
        for (int c = 0; c < classes; c++) {
            if (!Float.isFinite(values[base + c])) {
                return c;
            }
        }
        return -1;
    }

    /** How far a row's sum may be from 1 before {@link #problem} reports it. */
    public static final double SUM_TOLERANCE = 1e-3;

    /**
     * What is wrong with a row, if anything: a non-finite value, a negative value, a value above 1,
     * or a sum further than {@link #SUM_TOLERANCE} from 1 (logits or unnormalized scores passed as
     * probabilities).
     *
     * @param row the row
     * @return a description naming the column or the sum, or null when the row is a distribution
     */
    public String problem(int row) {
        int base = row * classes;
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            float v = values[base + c];
            if (!Float.isFinite(v)) {
                return "a non-finite probability (" + v + ") in class column " + c;
            }
            if (v < 0 || v > 1) {
                return "a probability of " + v + " in class column " + c + ", outside [0, 1]";
            }
            sum += v;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            return "probabilities that sum to " + String.format(java.util.Locale.ROOT, "%.4g", sum)
                    + ", not 1 (are these logits? apply a softmax)";
        }
        return null;
    }

    @Override
    public String toString() {
        return "Probabilities[" + rows + " x " + classes + "]";
    }
}
