package org.activelearning.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Named evaluation results, in insertion order, such as {@code accuracy} and {@code
 * accuracy/cat}.
 *
 * @param values the values by name; copied
 */
public record Metrics(Map<String, Double> values) {

    /** No metrics. */
    public static final Metrics EMPTY = new Metrics(Map.of());

    /**
     * Copies the map, keeping its order.
     *
     * @param values the values by name; copied
     */
    public Metrics {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * One value.
     *
     * @param name the metric name
     * @return the value, or empty if absent
     */
    public OptionalDouble get(String name) {
        Double v = values.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }
}
