package org.activelearning.core;

/**
 * A snapshot of the loop, as stopping criteria and listeners see it.
 *
 * @param round query rounds completed so far (0 before the first query round)
 * @param labeledCount labeled instances
 * @param candidateCount unlabeled instances that may still be queried (skipped ones excluded)
 * @param labelsThisRun labels the oracle gave since this run started (resumed labels excluded)
 * @param metrics the latest evaluation, or {@link Metrics#EMPTY}
 * @param skippedCount instances the oracle skipped (and that are not labeled since)
 */
public record LoopState(int round, int labeledCount, int candidateCount, int labelsThisRun, Metrics metrics,
        int skippedCount) {}
