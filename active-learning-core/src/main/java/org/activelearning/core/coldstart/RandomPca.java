package org.activelearning.core.coldstart;

import java.util.SplittableRandom;

/**
 * An engine-free embedding for raw inputs such as pixels: a seeded Gaussian random projection to
 * {@code r} dimensions (which keeps distances, Johnson and Lindenstrauss 1984), followed by the
 * principal components of the projected data (Halko, Martinsson and Tropp, SIAM Review 2011, use
 * the same idea for randomized PCA). Fitting streams the rows once to project them; memory is the
 * {@code D x r} projection, the {@code n x r} projected rows and an {@code r x r} covariance, never
 * the {@code n x D} raw data at once when rows are produced on demand.
 */
public final class RandomPca {

    private RandomPca() {}

    /** Produces the raw vector of row {@code i}. */
    @FunctionalInterface
    public interface Rows {
        /**
         * The raw values of one row.
         *
         * @param i the row index
         * @return its values; every row has the same length
         */
        float[] row(int i);
    }

    /**
     * Embeds {@code n} rows into {@code components} dimensions.
     *
     * @param rows the raw rows
     * @param n how many rows
     * @param projection the random projection's width {@code r}, at least {@code components}
     * @param components the principal components kept
     * @param seed fixes the projection
     * @return {@code n * components} values, row-major, centred
     */
    public static float[] embed(Rows rows, int n, int projection, int components, long seed) {
        if (components < 1 || projection < components) {
            throw new IllegalArgumentException("Need 1 <= components <= projection, got " + components + " and "
                    + projection);
        }
        float[] first = rows.row(0);
        int dim = first.length;
        int r = Math.min(projection, dim);
        int m = Math.min(components, r);
        float[] proj = new float[dim * r];
        SplittableRandom rnd = new SplittableRandom(seed);
        double scale = 1 / Math.sqrt(r);
        for (int i = 0; i < proj.length; i++) {
            proj[i] = (float) (gaussian(rnd) * scale);
        }
        double[] projected = new double[n * r];
        double[] mean = new double[r];
        for (int i = 0; i < n; i++) {
            float[] x = i == 0 ? first : rows.row(i);
            if (x.length != dim) {
                throw new IllegalArgumentException("Row " + i + " has " + x.length + " values; row 0 has " + dim);
            }
            for (int j = 0; j < dim; j++) {
                float v = x[j];
                if (v != 0) {
                    int base = j * r;
                    for (int c = 0; c < r; c++) {
                        projected[i * r + c] += v * proj[base + c];
                    }
                }
            }
            for (int c = 0; c < r; c++) {
                mean[c] += projected[i * r + c];
            }
        }
        for (int c = 0; c < r; c++) {
            mean[c] /= n;
        }
        double[] cov = new double[r * r];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < r; a++) {
                double va = projected[i * r + a] - mean[a];
                for (int b = a; b < r; b++) {
                    cov[a * r + b] += va * (projected[i * r + b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < a; b++) {
                cov[a * r + b] = cov[b * r + a];
            }
        }
        double[][] eig = jacobi(cov, r);
        double[] values = eig[0];
        double[] vectors = eig[1];
        Integer[] order = new Integer[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(values[q], values[p]));
        float[] out = new float[n * m];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                int col = order[c];
                double s = 0;
                for (int a = 0; a < r; a++) {
                    s += (projected[i * r + a] - mean[a]) * vectors[a * r + col];
                }
                out[i * m + c] = (float) s;
            }
        }
        return out;
    }

    /** Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: {values, column eigenvectors}. */
    static double[][] jacobi(double[] matrix, int r) {
        double[] a = matrix.clone();
        double[] v = new double[r * r];
        for (int i = 0; i < r; i++) {
            v[i * r + i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < r; p++) {
                diag += a[p * r + p] * a[p * r + p];
                for (int q = p + 1; q < r; q++) {
                    off += a[p * r + q] * a[p * r + q];
                }
            }
            if (off <= 1e-22 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < r; p++) {
                for (int q = p + 1; q < r; q++) {
                    double apq = a[p * r + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q * r + q] - a[p * r + p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < r; k++) {
                        double akp = a[k * r + p];
                        double akq = a[k * r + q];
                        a[k * r + p] = c * akp - s * akq;
                        a[k * r + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < r; k++) {
                        double apk = a[p * r + k];
                        double aqk = a[q * r + k];
                        a[p * r + k] = c * apk - s * aqk;
                        a[q * r + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < r; k++) {
                        double vkp = v[k * r + p];
                        double vkq = v[k * r + q];
                        v[k * r + p] = c * vkp - s * vkq;
                        v[k * r + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] values = new double[r];
        for (int i = 0; i < r; i++) {
            values[i] = a[i * r + i];
        }
        return new double[][] {values, v};
    }

    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
