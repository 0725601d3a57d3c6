package org.activelearning.core;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.LongFunction;

/**
 * The instances active learning draws from, each with a stable {@code long} id, partitioned into
 * labeled and unlabeled.
 *
 * <p>Ids are never positions: they survive labeling, resuming and subsetting. Inputs are looked up
 * by id through the function given at construction, so the pool holds no per-instance objects and
 * a pool of ten million ids costs a bitset (and, for arbitrary ids, one sorted {@code long[]}).
 *
 * <p>Pools are not thread-safe; the loop mutates them from one thread.
 *
 * @param <X> the input type
 */
public interface Pool<X> {

    /**
     * A pool of the consecutive ids {@code first .. first + count - 1}.
     *
     * @param first the first id
     * @param count the number of ids, {@code 0 <= count <= Integer.MAX_VALUE - 8}
     * @param inputs looks up the input of an id; called lazily, never for ids outside the range
     * @param <X> the input type
     * @return a pool with every id unlabeled
     */
    static <X> Pool<X> range(long first, int count, LongFunction<X> inputs) {
        return new IdPool<>(first, count, null, inputs);
    }

    /**
     * A pool of arbitrary distinct ids.
     *
     * @param ids the ids (copied and sorted); duplicates are an error
     * @param inputs looks up the input of an id
     * @param <X> the input type
     * @return a pool with every id unlabeled
     */
    static <X> Pool<X> ofIds(long[] ids, LongFunction<X> inputs) {
        return new IdPool<>(0, ids.length, ids, inputs);
    }

    /**
     * The number of ids, labeled and unlabeled.
     *
     * @return the size
     */
    int size();

    /**
     * The number of labeled ids.
     *
     * @return the labeled count
     */
    int labeledCount();

    /**
     * The number of unlabeled ids.
     *
     * @return {@code size() - labeledCount()}
     */
    default int unlabeledCount() {
        return size() - labeledCount();
    }

    /**
     * Whether the id belongs to this pool.
     *
     * @param id the id
     * @return true if it does
     */
    boolean contains(long id);

    /**
     * Whether the id is labeled.
     *
     * @param id an id of this pool
     * @return true if labeled
     * @throws IllegalArgumentException if the id is not in the pool
     */
    boolean isLabeled(long id);

    /**
     * Moves an id from the unlabeled to the labeled partition.
     *
     * @param id an unlabeled id of this pool
     * @throws IllegalArgumentException if the id is unknown or already labeled
     */
    void markLabeled(long id);

    /**
     * Moves an id back to the unlabeled partition (used when a label is retracted).
     *
     * @param id a labeled id of this pool
     * @throws IllegalArgumentException if the id is unknown or not labeled
     */
    void markUnlabeled(long id);

    /**
     * The input of an id, looked up, not copied.
     *
     * @param id an id of this pool
     * @return the input
     * @throws IllegalArgumentException if the id is unknown
     */
    X input(long id);

    /**
     * A hint that the inputs of these ids are about to be read with {@link #input(long)}: a pool
     * whose lookups are remote (a table on a cluster, an object store) fetches them all in one
     * request instead of one at a time. The loop calls it before asking for a batch's inputs and
     * before training; the default does nothing.
     *
     * @param ids ids of this pool; unknown ids are ignored
     */
    default void prefetch(long[] ids) {}

    /**
     * The inputs of several ids, in order: {@link #prefetch} announces them all, then {@link
     * #input(long)} reads each. Strategies and the loop read batches and scoring chunks this way.
     *
     * @param ids ids of this pool
     * @return their inputs, in the order of {@code ids}
     * @throws IllegalArgumentException if an id is unknown
     */
    default List<X> inputs(long[] ids) {
        prefetch(ids);
        List<X> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            out.add(input(id));
        }
        return out;
    }

    /**
     * Iterates the unlabeled ids in increasing order, without boxing.
     *
     * @return an iterator; undefined if the pool is modified during iteration
     */
    PrimitiveIterator.OfLong unlabeledIds();

    /**
     * Iterates the labeled ids in increasing order, without boxing.
     *
     * @return an iterator; undefined if the pool is modified during iteration
     */
    PrimitiveIterator.OfLong labeledIds();

    /**
     * Iterates all ids in increasing order.
     *
     * @return an iterator
     */
    PrimitiveIterator.OfLong allIds();
}
