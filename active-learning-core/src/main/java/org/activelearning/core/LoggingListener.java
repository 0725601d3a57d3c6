package org.activelearning.core;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the loop's progress through SLF4J at INFO (answers at DEBUG).
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
public final class LoggingListener<X, Y> implements LoopListener<X, Y> {

    private static final Logger LOG = LoggerFactory.getLogger(ActiveLearningLoop.class);

    @Override
    public void onLoopStart(LoopState state) {
        LOG.info("Active learning starts: {} labeled, {} candidates", state.labeledCount(), state.candidateCount());
    }

    @Override
    public void onTrained(int round, int labeledCount, double seconds) {
        LOG.info("Round {}: trained on {} labels in {} s", round, labeledCount, String.format("%.2f", seconds));
    }

    @Override
    public void onEvaluated(int round, Metrics metrics) {
        LOG.info("Round {}: accuracy {}", round,
                metrics.get(ClassificationEvaluator.ACCURACY).isPresent()
                        ? String.format("%.4f", metrics.get(ClassificationEvaluator.ACCURACY).getAsDouble())
                        : metrics.values());
    }

    @Override
    public void onQuerySizeReduced(int round, int requested, int available) {
        LOG.info("Round {}: only {} candidates remain, fewer than the query size {}; querying all of them", round,
                available, requested);
    }

    @Override
    public void onQueried(int round, List<Query<X>> queries, double seconds) {
        LOG.info("Round {}: selected {} queries in {} s", round, queries.size(), String.format("%.2f", seconds));
    }

    @Override
    public void onAnswer(int round, Answer<Y> answer) {
        LOG.debug("Round {}: {}", round, answer);
    }

    @Override
    public void onLoopEnd(LoopResult result) {
        LOG.info("Active learning ended ({}): {}", result.reason(), result.detail());
    }
}
