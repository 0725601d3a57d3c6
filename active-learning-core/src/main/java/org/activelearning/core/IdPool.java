package org.activelearning.core;

import java.util.Arrays;
import java.util.BitSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.PrimitiveIterator;
import java.util.function.LongFunction;

/** The {@link Pool} implementation: a bitset over slots, and either an id range or sorted ids. */
final class IdPool<X> implements Pool<X> {

    private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private final long first;
    private final int size;
    private final long[] sortedIds; // null for a range
    private final LongFunction<X> inputs;
    private final BitSet labeled;
    private int labeledCount;

    IdPool(long first, int count, long[] ids, LongFunction<X> inputs) {
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        if (count < 0 || count > MAX_SIZE) {
            throw new IllegalArgumentException("Pool size must be in [0, " + MAX_SIZE + "], got " + count);
        }
        if (ids == null && count > 0 && first > Long.MAX_VALUE - count) {
            throw new IllegalArgumentException("Id range starting at " + first + " with " + count + " ids overflows long");
        }
        this.first = first;
        this.size = count;
        if (ids != null) {
            long[] copy = ids.clone();
            Arrays.sort(copy);
            for (int i = 1; i < copy.length; i++) {
                if (copy[i] == copy[i - 1]) {
                    throw new IllegalArgumentException("Pool ids must be distinct, id " + copy[i] + " occurs twice");
                }
            }
            this.sortedIds = copy;
        } else {
            this.sortedIds = null;
        }
        this.labeled = new BitSet(count);
    }

    private int slotOrMinus(long id) {
        if (sortedIds == null) {
            long slot = id - first;
            return slot >= 0 && slot < size ? (int) slot : -1;
        }
        int slot = Arrays.binarySearch(sortedIds, id);
        return slot >= 0 ? slot : -1;
    }

    private int slot(long id) {
        int slot = slotOrMinus(id);
        if (slot < 0) {
            throw new IllegalArgumentException("Unknown id " + id + ": the pool holds " + describeIds()
                    + "; pass an id from Pool.allIds()");
        }
        return slot;
    }

    private String describeIds() {
        if (size == 0) {
            return "no ids";
        }
        return sortedIds == null
                ? size + " ids from " + first + " to " + (first + size - 1)
                : size + " ids from " + sortedIds[0] + " to " + sortedIds[size - 1];
    }

    private long idAt(int slot) {
        return sortedIds == null ? first + slot : sortedIds[slot];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int labeledCount() {
        return labeledCount;
    }

    @Override
    public boolean contains(long id) {
        return slotOrMinus(id) >= 0;
    }

    @Override
    public boolean isLabeled(long id) {
        return labeled.get(slot(id));
    }

    @Override
    public void markLabeled(long id) {
        int slot = slot(id);
        if (labeled.get(slot)) {
            throw new IllegalArgumentException("Id " + id + " is already labeled; retract its label first to relabel it");
        }
        labeled.set(slot);
        labeledCount++;
    }

    @Override
    public void markUnlabeled(long id) {
        int slot = slot(id);
        if (!labeled.get(slot)) {
            throw new IllegalArgumentException("Id " + id + " is not labeled, so its label cannot be retracted");
        }
        labeled.clear(slot);
        labeledCount--;
    }

    @Override
    public X input(long id) {
        return inputs.apply(idAt(slot(id)));
    }

    @Override
    public PrimitiveIterator.OfLong unlabeledIds() {
        return new SlotIterator(false);
    }

    @Override
    public PrimitiveIterator.OfLong labeledIds() {
        return new SlotIterator(true);
    }

    @Override
    public PrimitiveIterator.OfLong allIds() {
        return new PrimitiveIterator.OfLong() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public long nextLong() {
                if (next >= size) {
                    throw new NoSuchElementException();
                }
                return idAt(next++);
            }
        };
    }

    @Override
    public String toString() {
        return "Pool[" + describeIds() + ", " + labeledCount + " labeled]";
    }

    private final class SlotIterator implements PrimitiveIterator.OfLong {
        private final boolean wantLabeled;
        private int next;

        SlotIterator(boolean wantLabeled) {
            this.wantLabeled = wantLabeled;
            this.next = advance(0);
        }

        private int advance(int from) {
            int s = wantLabeled ? labeled.nextSetBit(from) : labeled.nextClearBit(from);
            return s < 0 || s >= size ? size : s;
        }

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public long nextLong() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            long id = idAt(next);
            next = advance(next + 1);
            return id;
        }
    }
}
