package org.activelearning.core;

/**
 * What one round did and how long each step took.
 *
 * @param round the round number (1 for the first query round; the final training has the number
 *     after the last query round)
 * @param labeledCount labeled instances the model of this round was trained on
 * @param metrics the evaluation of that model, or {@link Metrics#EMPTY}
 * @param trainSeconds seconds spent training
 * @param evaluateSeconds seconds spent evaluating
 * @param selectSeconds seconds spent scoring the pool and selecting
 * @param oracleSeconds seconds spent waiting for the oracle
 * @param queried queries shown to the oracle
 * @param labeled labels received
 * @param skipped skips received
 * @param last true for the final training, after which the loop ends
 */
public record RoundSummary(
        int round,
        int labeledCount,
        Metrics metrics,
        double trainSeconds,
        double evaluateSeconds,
        double selectSeconds,
        double oracleSeconds,
        int queried,
        int labeled,
        int skipped,
        boolean last) {}
