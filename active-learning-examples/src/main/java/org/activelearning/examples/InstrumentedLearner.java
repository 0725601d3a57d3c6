package org.activelearning.examples;

import java.util.List;
import java.util.Optional;
import org.activelearning.core.LabeledExample;
import org.activelearning.core.Learner;
import org.activelearning.core.Metrics;
import org.activelearning.core.Probabilities;

/**
 * Wraps a learner to time pool scoring and report its progress. Between {@link #beginScoring}
 * and {@link #endScoring} every prediction counts as pool scoring.
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
final class InstrumentedLearner<X, Y> implements Learner<X, Y> {

    private final Learner<X, Y> delegate;
    private final Progress progress;
    private boolean scoringPhase;
    private boolean evaluating;
    private boolean barShown;
    private int expected;
    private long scoringNanos;

    InstrumentedLearner(Learner<X, Y> delegate, Progress progress) {
        this.delegate = delegate;
        this.progress = progress;
    }

    /** Opens the evaluation phase; its progress bar appears with the first prediction in it. */
    void beginEvaluation(int images) {
        endScoring();
        evaluating = true;
        scoringPhase = true;
        expected = images;
    }

    /** Opens the scoring phase; the progress bar appears with the first prediction in it. */
    void beginScoring(int candidates) {
        if (evaluating) {
            endScoring();
        }
        scoringPhase = true;
        barShown = false;
        expected = candidates;
        scoringNanos = 0;
    }

    /** Ends the scoring phase and returns the seconds spent scoring in it. */
    double endScoring() {
        if (scoringPhase && barShown) {
            progress.scoringFinished();
        }
        scoringPhase = false;
        evaluating = false;
        barShown = false;
        return scoringNanos / 1e9;
    }

    @Override
    public List<Y> classes() {
        return delegate.classes();
    }

    @Override
    public void fit(List<LabeledExample<X, Y>> labeled) {
        delegate.fit(labeled);
    }

    @Override
    public Probabilities predictProbabilities(List<X> inputs) {
        if (scoringPhase && !barShown) {
            if (evaluating) {
                progress.evaluationStarted(expected);
            } else {
                progress.scoringStarted(expected);
            }
            barShown = true;
        }
        long t0 = System.nanoTime();
        Probabilities p = delegate.predictProbabilities(inputs);
        if (scoringPhase) {
            scoringNanos += System.nanoTime() - t0;
            progress.scored(inputs.size());
        }
        return p;
    }

    @Override
    public Metrics trainingMetrics() {
        return delegate.trainingMetrics();
    }

    @Override
    public <C> Optional<C> capability(Class<C> type) {
        return delegate.capability(type);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
