package org.activelearning.core.stopping;

import java.util.Objects;
import java.util.OptionalInt;
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
     * Stops once {@code n} instances are labeled; a cap: the loop trims the last batch so that no
     * more than {@code n} labels are asked for. Skips do not count.
     *
     * @param n the budget, {@code >= 1}
     * @return the criterion
     */
    public static StoppingCriterion labelBudget(int n) {
        return labelBudget(n, false);
    }

    /**
     * A label budget that may count skips too: with {@code skipsCount}, every answer the oracle
     * gives (label or skip) spends the budget, as when a person's time is what is budgeted.
     *
     * @param n the budget, {@code >= 1}
     * @param skipsCount whether skipped instances count against it
     * @return the criterion, a cap as {@link #labelBudget(int)}
     */
    public static StoppingCriterion labelBudget(int n, boolean skipsCount) {
        if (n < 1) {
            throw new IllegalArgumentException("labelBudget must be >= 1, got " + n);
        }
        String name = "labelBudget(" + n + (skipsCount ? ", skips count" : "") + ")";
        return new StoppingCriterion() {
            private int spent(LoopState s) {
                return s.labeledCount() + (skipsCount ? s.skippedCount() : 0);
            }

            @Override
            public boolean shouldStop(LoopState state) {
                return spent(state) >= n;
            }

            @Override
            public OptionalInt remainingLabels(LoopState state) {
                return OptionalInt.of(Math.max(0, n - spent(state)));
            }

            @Override
            public String toString() {
                return name;
            }
        };
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
