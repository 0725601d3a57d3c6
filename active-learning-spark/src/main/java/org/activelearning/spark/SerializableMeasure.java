package org.activelearning.spark;

import java.io.Serializable;
import org.activelearning.core.strategy.UncertaintyMeasure;
import org.activelearning.core.strategy.UncertaintyMeasures;

/**
 * An {@link UncertaintyMeasure} that can travel to the executors. A lambda assigned to this type
 * is serializable; the standard measures are here.
 */
@FunctionalInterface
public interface SerializableMeasure extends UncertaintyMeasure, Serializable {

    /**
     * Least confidence, as {@link UncertaintyMeasures#leastConfidence()}.
     *
     * @return the measure
     */
    static SerializableMeasure leastConfidence() {
        return (p, row) -> UncertaintyMeasures.leastConfidence().score(p, row);
    }

    /**
     * Smallest margin, as {@link UncertaintyMeasures#margin()}.
     *
     * @return the measure
     */
    static SerializableMeasure margin() {
        return (p, row) -> UncertaintyMeasures.margin().score(p, row);
    }

    /**
     * Entropy, as {@link UncertaintyMeasures#entropy()}.
     *
     * @return the measure
     */
    static SerializableMeasure entropy() {
        return (p, row) -> UncertaintyMeasures.entropy().score(p, row);
    }
}
