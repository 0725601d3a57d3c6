package org.activelearning.core.stopping;

import java.util.Objects;
import java.util.function.Predicate;
import org.activelearning.core.LoopState;

/** The bundled stopping criteria (see baal's and modAL's equivalents). */
public final class StoppingCriteria {

    private StoppingCriteria() {}

    /**
     * Stops after {@code n} query rounds.
     *
     * @param n rounds, {@code >= 0}
     * @return the criterion
     */
    public static StoppingCriterion maxRounds(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("maxRounds must be >= 0, got " + n);
        }
        return named("maxRounds(" + n + ")", s -> s.round() >= n);
    }

    /**
     * Stops once at least {@code n} instances are labeled.
     *
     * @param n the budget, {@code >= 1}
     * @return the criterion
     */
    public static StoppingCriterion labelBudget(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("labelBudget must be >= 1, got " + n);
        }
        return named("labelBudget(" + n + ")", s -> s.labeledCount() >= n);
    }

    /**
     * Stops once an evaluation metric reaches a target.
     *
     * @param metric the metric name, such as {@code accuracy}
     * @param target the target value
     * @return the criterion
     */
    public static StoppingCriterion metricAtLeast(String metric, double target) {
        Objects.requireNonNull(metric, "metric");
        if (Double.isNaN(target)) {
            throw new IllegalArgumentException("target for metric '" + metric + "' is NaN");
        }
        return named(metric + " >= " + target,
                s -> s.metrics().get(metric).isPresent() && s.metrics().get(metric).getAsDouble() >= target);
    }

    /**
     * Stops when no candidates remain. The loop always stops then; this makes it explicit.
     *
     * @return the criterion
     */
    public static StoppingCriterion poolExhausted() {
        return named("poolExhausted", s -> s.candidateCount() == 0);
    }

    private static StoppingCriterion named(String name, Predicate<LoopState> test) {
        return new StoppingCriterion() {
            @Override
            public boolean shouldStop(LoopState state) {
                return test.test(state);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
