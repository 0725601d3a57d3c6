package org.activelearning.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitialSelectionTest {

    @Test
    void randomIsSeededDistinctAndUnlabeled() {
        Pool<Long> pool = Pool.range(0, 100, id -> id);
        pool.markLabeled(3);
        long[] a = InitialSelection.random(20).select(pool, new SplittableRandom(1));
        long[] b = InitialSelection.random(20).select(pool, new SplittableRandom(1));
        assertThat(a).hasSize(20).containsExactly(b).doesNotContain(3L);
        assertThat(Arrays.stream(a).distinct().count()).isEqualTo(20);
    }

    @Test
    void balancedTakesClassesInTurnsWhenTheTruthIsKnown() {
        // 90 ids of class "a", 10 of class "b": a random sample of 10 would rarely hold 5 b's
        Pool<Long> pool = Pool.range(0, 100, id -> id);
        long[] ids = InitialSelection.balanced(10, id -> id < 90 ? "a" : "b").select(pool, new SplittableRandom(2));
        assertThat(Arrays.stream(ids).filter(id -> id >= 90).count()).isEqualTo(5);
        assertThat(Arrays.stream(ids).distinct().count()).isEqualTo(10);
        // when a class runs out, the others fill the rest
        long[] more = InitialSelection.balanced(30, id -> id < 90 ? "a" : "b").select(pool, new SplittableRandom(2));
        assertThat(Arrays.stream(more).filter(id -> id >= 90).count()).isEqualTo(10);
        assertThat(Arrays.stream(more).distinct().count()).isEqualTo(30);
    }

    @Test
    void givenIdsMustBeInThePoolAndDistinct() {
        Pool<Long> pool = Pool.range(0, 10, id -> id);
        assertThat(InitialSelection.ids(4, 2).select(pool, new SplittableRandom(1))).containsExactly(4, 2);
        assertThatThrownBy(() -> InitialSelection.ids(4, 11).select(pool, new SplittableRandom(1)))
                .hasMessageContaining("Initial id 11 is not in the pool");
        assertThatThrownBy(() -> InitialSelection.ids(4, 4).select(pool, new SplittableRandom(1)))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> InitialSelection.random(0)).hasMessageContaining("got 0");
    }
}
