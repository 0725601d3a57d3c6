package org.activelearning.core.stopping;

import java.util.Objects;
import java.util.OptionalInt;
import org.activelearning.core.LoopState;

/**
 * Decides, after each training, whether the loop should stop. The model just trained then is the
 * final model.
 */
@FunctionalInterface
public interface StoppingCriterion {

    /**
     * Whether to stop.
     *
     * @param state the state after the latest training and evaluation
     * @return true to stop
     */
    boolean shouldStop(LoopState state);

    /**
     * How many more labels this criterion allows before it stops the loop, if it caps labels at all:
     * the loop trims a query batch to it, so a label budget is a cap, not a threshold crossed by up
     * to a batch. The default is no cap.
     *
     * @param state the loop's state
     * @return the labels still allowed, or empty for no cap
     */
    default OptionalInt remainingLabels(LoopState state) {
        return OptionalInt.empty();
    }

    /**
     * Stops when either criterion says stop; a label cap is the smaller of the two.
     *
     * @param other the other criterion
     * @return the combination
     */
    default StoppingCriterion or(StoppingCriterion other) {
        Objects.requireNonNull(other, "other");
        StoppingCriterion self = this;
        return new StoppingCriterion() {
            @Override
            public boolean shouldStop(LoopState state) {
                return self.shouldStop(state) || other.shouldStop(state);
            }

            @Override
            public OptionalInt remainingLabels(LoopState state) {
                OptionalInt a = self.remainingLabels(state);
                OptionalInt b = other.remainingLabels(state);
                if (a.isEmpty()) {
                    return b;
                }
                return b.isEmpty() ? a : OptionalInt.of(Math.min(a.getAsInt(), b.getAsInt()));
            }

            @Override
            public String toString() {
                return "(" + self + " or " + other + ")";
            }
        };
    }

    /**
     * Stops when both criteria do.
     *
     * @param other the other criterion
     * @return the combination
     */
    default StoppingCriterion and(StoppingCriterion other) {
        Objects.requireNonNull(other, "other");
        StoppingCriterion self = this;
        return new StoppingCriterion() {
            @Override
            public boolean shouldStop(LoopState state) {
                return self.shouldStop(state) && other.shouldStop(state);
            }

            @Override
            public OptionalInt remainingLabels(LoopState state) {
                OptionalInt a = self.remainingLabels(state);
                OptionalInt b = other.remainingLabels(state);
                // both must hold to stop: only two caps make a cap, the larger one
                return a.isPresent() && b.isPresent() ? OptionalInt.of(Math.max(a.getAsInt(), b.getAsInt()))
                        : OptionalInt.empty();
            }

            @Override
            public String toString() {
                return "(" + self + " and " + other + ")";
            }
        };
    }
}
