package org.activelearning.core.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {

    @Test
    void agreesWithAFullSortOnRandomScoresWithManyTies() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + rnd.nextInt(500);
            int k = 1 + rnd.nextInt(60);
            double[] scores = new double[n];
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                scores[i] = rnd.nextInt(20) / 7.0; // coarse values force ties
                ids[i] = rnd.nextLong(1_000_000);
            }
            ids = Arrays.stream(ids).distinct().toArray();
            n = ids.length;
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                top.offer(ids[i], scores[i]);
            }
            long[] finalIds = ids;
            double[] finalScores = scores;
            long[] expected = IntStream.range(0, n).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -finalScores[i]).thenComparingLong(i -> finalIds[i]))
                    .limit(k).mapToLong(i -> finalIds[i]).toArray();
            assertThat(top.result().ids()).containsExactly(expected);
        }
    }

    @Test
    void rejectsNaNScoresAndNonPositiveK() {
        TopK top = new TopK(2);
        assertThatThrownBy(() -> top.offer(7, Double.NaN)).hasMessageContaining("id 7").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new TopK(0)).hasMessageContaining("got 0");
    }
}
