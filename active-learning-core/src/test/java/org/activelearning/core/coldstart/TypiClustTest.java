package org.activelearning.core.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.activelearning.core.InitialSelection;
import org.activelearning.core.Pool;
import org.junit.jupiter.api.Test;

class TypiClustTest {

    /**
     * Three blobs in 2-D of sizes 30, 20 and 10 around (0, 0), (100, 0) and (0, 100); in each, the
     * blob's first id sits exactly at the center and the rest on rings around it.
     */
    private static float[][] blobs() {
        int[] sizes = {30, 20, 10};
        float[][] centers = {{0, 0}, {100, 0}, {0, 100}};
        float[][] points = new float[60][];
        int i = 0;
        for (int b = 0; b < 3; b++) {
            for (int j = 0; j < sizes[b]; j++) {
                double angle = 2 * Math.PI * j / (sizes[b] - 1);
                double radius = j == 0 ? 0 : 1 + (j % 3);
                points[i++] = new float[] {(float) (centers[b][0] + radius * Math.cos(angle)),
                    (float) (centers[b][1] + radius * Math.sin(angle))};
            }
        }
        return points;
    }

    @Test
    void picksTheMostTypicalPointOfEachClusterLargestClusterFirst() {
        float[][] points = blobs();
        Pool<Long> pool = Pool.range(0, points.length, id -> id);
        InitialSelection typi = new TypiClust(3, ids -> {
            float[][] rows = new float[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                rows[i] = points[(int) ids[i]];
            }
            return rows;
        }, 1000);
        long[] picks = typi.select(pool, new SplittableRandom(1));
        // the centers of the blobs of 30, 20 and 10 points
        assertThat(picks).containsExactly(0, 30, 50);
        assertThat(typi.select(pool, new SplittableRandom(2))).containsExactly(0, 30, 50);
    }

    @Test
    void kMeansSeparatesWellSeparatedBlobs() {
        float[][] points = blobs();
        float[] flat = new float[points.length * 2];
        for (int i = 0; i < points.length; i++) {
            flat[2 * i] = points[i][0];
            flat[2 * i + 1] = points[i][1];
        }
        int[] assign = KMeans.cluster(flat, points.length, 2, 3, 20, new SplittableRandom(3));
        assertThat(Arrays.stream(assign, 0, 30).distinct().count()).isEqualTo(1);
        assertThat(Arrays.stream(assign, 30, 50).distinct().count()).isEqualTo(1);
        assertThat(Arrays.stream(assign, 50, 60).distinct().count()).isEqualTo(1);
        assertThat(Arrays.stream(new int[] {assign[0], assign[30], assign[50]}).distinct().count()).isEqualTo(3);
        assertThatThrownBy(() -> KMeans.cluster(flat, points.length, 2, 61, 1, new SplittableRandom(1)))
                .hasMessageContaining("k must be between 1 and the 60 rows, got 61");
    }

    @Test
    void jacobiFindsTheEigenvaluesOfASymmetricMatrix() {
        // [[2, 1], [1, 2]] has eigenvalues 3 and 1
        double[][] eig = RandomPca.jacobi(new double[] {2, 1, 1, 2}, 2);
        double[] values = eig[0].clone();
        Arrays.sort(values);
        assertThat(values[0]).isCloseTo(1, within(1e-9));
        assertThat(values[1]).isCloseTo(3, within(1e-9));
    }

    @Test
    void randomPcaPutsTheDirectionOfLargestVarianceFirst() {
        // 300 points in 400 dimensions: large spread along one hidden direction, small noise elsewhere
        int n = 300;
        int dim = 400;
        SplittableRandom r = new SplittableRandom(11);
        float[] direction = new float[dim];
        for (int j = 0; j < dim; j++) {
            direction[j] = (float) r.nextGaussian() / 20;
        }
        float[][] rows = new float[n][dim];
        for (int i = 0; i < n; i++) {
            double t = r.nextGaussian() * 10;
            for (int j = 0; j < dim; j++) {
                rows[i][j] = (float) (t * direction[j] + 0.05 * r.nextGaussian());
            }
        }
        float[] emb = RandomPca.embed(i -> rows[i], n, 64, 5, 42);
        double[] variance = new double[5];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 5; c++) {
                variance[c] += emb[i * 5 + c] * emb[i * 5 + c];
            }
        }
        assertThat(variance[0]).isGreaterThan(20 * variance[1]);
        for (int c = 1; c < 5; c++) {
            assertThat(variance[c - 1]).isGreaterThanOrEqualTo(variance[c] * 0.999);
        }
        assertThat(RandomPca.embed(i -> rows[i], n, 64, 5, 42)).isEqualTo(emb);
    }

    @Test
    void pixelTypiClustChoosesDistinctUnlabeledIdsDeterministically() {
        int n = 300;
        Pool<Long> pool = Pool.range(0, n, id -> id);
        pool.markLabeled(7);
        // images of 64 "pixels": three prototypes plus noise
        InitialSelection s = TypiClust.<Long>pixels(12, id -> {
            SplittableRandom r = new SplittableRandom(id);
            float[] px = new float[64];
            for (int j = 0; j < 64; j++) {
                px[j] = (float) ((j % 3 == id % 3 ? 1 : 0) + 0.1 * r.nextGaussian());
            }
            return px;
        });
        long[] a = s.select(pool, new SplittableRandom(5));
        assertThat(a).hasSize(12).doesNotHaveDuplicates().doesNotContain(7L);
        assertThat(s.select(pool, new SplittableRandom(5))).isEqualTo(a);
        // diverse: every prototype is represented
        assertThat(Arrays.stream(a).map(id -> id % 3).distinct().count()).isEqualTo(3);
        assertThatThrownBy(() -> new TypiClust(0, ids -> new float[0][], 10)).hasMessageContaining(">= 1, got 0");
    }
}
