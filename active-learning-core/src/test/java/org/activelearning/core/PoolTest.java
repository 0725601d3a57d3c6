package org.activelearning.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import org.junit.jupiter.api.Test;

class PoolTest {

    private static List<Long> drain(PrimitiveIterator.OfLong it) {
        List<Long> out = new ArrayList<>();
        it.forEachRemaining((long id) -> out.add(id));
        return out;
    }

    @Test
    void rangePoolPartitionsIdsIntoLabeledAndUnlabeled() {
        Pool<String> pool = Pool.range(100, 5, id -> "x" + id);
        pool.markLabeled(102);
        pool.markLabeled(104);
        assertThat(pool.size()).isEqualTo(5);
        assertThat(pool.labeledCount()).isEqualTo(2);
        assertThat(pool.unlabeledCount()).isEqualTo(3);
        assertThat(drain(pool.unlabeledIds())).containsExactly(100L, 101L, 103L);
        assertThat(drain(pool.labeledIds())).containsExactly(102L, 104L);
        assertThat(pool.input(103)).isEqualTo("x103");
        pool.markUnlabeled(104);
        assertThat(drain(pool.unlabeledIds())).containsExactly(100L, 101L, 103L, 104L);
    }

    @Test
    void arbitraryIdsAreStableAndSorted() {
        Pool<Long> pool = Pool.ofIds(new long[] {900, -5, 42}, id -> id * 2);
        assertThat(drain(pool.allIds())).containsExactly(-5L, 42L, 900L);
        pool.markLabeled(42);
        assertThat(pool.isLabeled(42)).isTrue();
        assertThat(pool.input(900)).isEqualTo(1800L);
        assertThat(pool.contains(43)).isFalse();
    }

    @Test
    void unknownIdsAreErrorsNamingTheId() {
        Pool<Long> pool = Pool.range(0, 10, id -> id);
        assertThatThrownBy(() -> pool.markLabeled(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown id 10").hasMessageContaining("from 0 to 9");
        assertThatThrownBy(() -> pool.input(-1)).hasMessageContaining("Unknown id -1");
        Pool<Long> sparse = Pool.ofIds(new long[] {3, 8}, id -> id);
        assertThatThrownBy(() -> sparse.isLabeled(5)).hasMessageContaining("Unknown id 5");
    }

    @Test
    void labelingTwiceOrUnlabelingAnUnlabeledIdIsAnError() {
        Pool<Long> pool = Pool.range(0, 3, id -> id);
        pool.markLabeled(1);
        assertThatThrownBy(() -> pool.markLabeled(1)).hasMessageContaining("Id 1 is already labeled");
        assertThatThrownBy(() -> pool.markUnlabeled(2)).hasMessageContaining("Id 2 is not labeled");
    }

    @Test
    void duplicateIdsAndBadSizesAreRejected() {
        assertThatThrownBy(() -> Pool.ofIds(new long[] {1, 2, 1}, id -> id)).hasMessageContaining("id 1 occurs twice");
        assertThatThrownBy(() -> Pool.range(0, -1, id -> id)).hasMessageContaining("got -1");
        assertThatThrownBy(() -> Pool.range(Long.MAX_VALUE - 1, 5, id -> id)).hasMessageContaining("overflows");
    }

    @Test
    void holdsTenMillionIdsWithoutPerInstanceObjects() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Pool<Long> pool = Pool.range(0, 10_000_000, id -> id);
        for (long id = 0; id < 10_000_000; id += 3) {
            pool.markLabeled(id);
        }
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        assertThat(pool.labeledCount()).isEqualTo(3_333_334);
        assertThat(pool.isLabeled(9_999_999)).isTrue();
        assertThat(pool.unlabeledIds().nextLong()).isEqualTo(1L);
        // a bitset of 10M bits is 1.25 MB; per-instance objects would be hundreds of MB
        assertThat(after - before).isLessThan(64L * 1024 * 1024);
    }
}
