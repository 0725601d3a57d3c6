/**
 * The engine-free core of pool-based active learning.
 *
 * <p>The central types are {@link org.activelearning.core.Pool} (stable {@code long} ids for every
 * instance, partitioned into labeled and unlabeled), {@link org.activelearning.core.Learner} (fits
 * labeled examples and predicts class probabilities as plain heap arrays), {@link
 * org.activelearning.core.QueryStrategy} (chooses which ids to ask about), {@link
 * org.activelearning.core.Oracle} (answers queries: a person, a labeling service or ground truth)
 * and {@link org.activelearning.core.ActiveLearningLoop}, which runs train, score, select, ask and
 * record until a {@link org.activelearning.core.stopping.StoppingCriterion} says stop.
 *
 * <p>Nothing in this package depends on a deep-learning engine; engine bindings such as the DJL
 * module implement {@link org.activelearning.core.Learner}.
 */
package org.activelearning.core;
