package org.activelearning.spark;

import java.io.Serializable;
import org.activelearning.djl.ResNetLearner;

/**
 * Builds, on an executor, a learner of the same architecture and classes as the driver's, into
 * which the driver's checkpoint is then loaded. Write it as a lambda over the same builder calls as
 * the driver's learner: {@code () -> ResNetLearner.builder().setClassNames(names).optStem(stem).build()}.
 * It must be serializable (capture only serializable values), since it travels with the job.
 */
@FunctionalInterface
public interface LearnerFactory extends Serializable {

    /**
     * Builds a new, untrained learner.
     *
     * @return the learner; the executor closes it when a newer checkpoint replaces it
     */
    ResNetLearner create();
}
