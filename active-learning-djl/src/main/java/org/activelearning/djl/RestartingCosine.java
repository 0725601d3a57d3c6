package org.activelearning.djl;

import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;

/**
 * A learning-rate schedule of cosine cycles appended while training runs: each cycle decays its own
 * peak to zero over its own steps (DJL's cosine tracker, so the first cycle is exactly the plain
 * cosine schedule), and a cycle can be added once the previous one has ended and the fit is found
 * short of its target. Update numbers count from 1 over all cycles, as the optimizer counts them.
 */
final class RestartingCosine implements Tracker {

    private final List<Integer> starts = new ArrayList<>();
    private final List<Tracker> cycles = new ArrayList<>();
    private int end;

    /**
     * Appends a cycle after the last one.
     *
     * @param peak the learning rate at the cycle's first step
     * @param steps the cycle's steps, positive
     */
    void addCycle(float peak, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a cycle needs at least 1 step, got " + steps);
        }
        starts.add(end);
        cycles.add(steps > 1
                ? Tracker.cosine().setBaseValue(peak).optFinalValue(0f).setMaxUpdates(steps).build()
                : Tracker.fixed(peak));
        end += steps;
    }

    /**
     * The number of cycles added.
     *
     * @return the count
     */
    int cycleCount() {
        return cycles.size();
    }

    @Override
    public float getNewValue(int numUpdate) {
        if (cycles.isEmpty()) {
            throw new IllegalStateException("no cycle has been added");
        }
        int c = cycles.size() - 1;
        while (c > 0 && numUpdate <= starts.get(c)) {
            c--;
        }
        return cycles.get(c).getNewValue(numUpdate - starts.get(c));
    }
}
