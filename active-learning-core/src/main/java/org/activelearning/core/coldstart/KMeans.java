package org.activelearning.core.coldstart;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii, SODA 2007) on flat row-major
 * float data. Memory: the {@code k x d} centers, {@code n} assignments and {@code n} distances
 * besides the data; time {@code O(n k d)} per iteration.
 */
public final class KMeans {

    private KMeans() {}

    /**
     * Clusters {@code n} rows of {@code d} values.
     *
     * @param data {@code n * d} values, row-major
     * @param n rows
     * @param d columns
     * @param k clusters, between 1 and {@code n}
     * @param iterations most Lloyd iterations (it stops earlier when no assignment changes)
     * @param random seeded randomness for the seeding
     * @return the cluster of each row, in {@code [0, k)}
     */
    public static int[] cluster(float[] data, int n, int d, int k, int iterations, RandomGenerator random) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be between 1 and the " + n + " rows, got " + k);
        }
        double[] centers = seed(data, n, d, k, random);
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        for (int it = 0; it < iterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestDist = Double.POSITIVE_INFINITY;
                for (int c = 0; c < k; c++) {
                    double dist = distance(data, i * d, centers, c * d, d);
                    if (dist < bestDist) {
                        bestDist = dist;
                        best = c;
                    }
                }
                if (assign[i] != best) {
                    assign[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[] sums = new double[k * d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[assign[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[assign[i] * d + j] += data[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centers[c * d + j] = sums[c * d + j] / counts[c];
                    }
                }
            }
        }
        return assign;
    }

    /** k-means++ seeding: the first center uniformly, each next one with probability proportional to D^2. */
    static double[] seed(float[] data, int n, int d, int k, RandomGenerator random) {
        double[] centers = new double[k * d];
        double[] d2 = new double[n];
        Arrays.fill(d2, Double.POSITIVE_INFINITY);
        int pick = random.nextInt(n);
        for (int c = 0; c < k; c++) {
            if (c > 0) {
                double total = 0;
                for (double v : d2) {
                    total += v;
                }
                pick = -1;
                if (total > 0) {
                    double target = random.nextDouble() * total;
                    double acc = 0;
                    for (int i = 0; i < n; i++) {
                        acc += d2[i];
                        if (d2[i] > 0) {
                            pick = i;
                        }
                        if (acc > target && d2[i] > 0) {
                            break;
                        }
                    }
                }
                if (pick < 0) {
                    pick = random.nextInt(n);
                }
            }
            for (int j = 0; j < d; j++) {
                centers[c * d + j] = data[pick * d + j];
            }
            for (int i = 0; i < n; i++) {
                d2[i] = Math.min(d2[i], distance(data, i * d, centers, c * d, d));
            }
        }
        return centers;
    }

    static double distance(float[] a, int ai, double[] b, int bi, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = a[ai + j] - b[bi + j];
            s += diff * diff;
        }
        return s;
    }
}
