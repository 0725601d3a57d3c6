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
 * @param resumed true for a round whose batch was chosen by a model an earlier, interrupted
 *     process trained: the loop asked its unanswered queries without retraining, so this summary
 *     has no metrics and no training, evaluation or selection time
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
        boolean last,
        boolean resumed) {

    /**
     * A summary of a round this process trained and selected for (not resumed).
     *
     * @param round the round number
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
    public RoundSummary(int round, int labeledCount, Metrics metrics, double trainSeconds, double evaluateSeconds,
            double selectSeconds, double oracleSeconds, int queried, int labeled, int skipped, boolean last) {
        this(round, labeledCount, metrics, trainSeconds, evaluateSeconds, selectSeconds, oracleSeconds, queried,
                labeled, skipped, last, false);
    }
}
