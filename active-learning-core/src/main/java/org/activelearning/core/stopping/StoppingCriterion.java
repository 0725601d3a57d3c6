package org.activelearning.core.stopping;

import java.util.Objects;
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
     * Stops when either criterion does.
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
            public String toString() {
                return "(" + self + " and " + other + ")";
            }
        };
    }
}
