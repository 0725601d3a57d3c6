package org.activelearning.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.activelearning.core.journal.LabelJournal;
import org.activelearning.core.stopping.StoppingCriteria;
import org.activelearning.core.stopping.StoppingCriterion;

/**
 * Builds an {@link ActiveLearningLoop} (or, with {@link #buildSession()}, a {@link LabelingSession}). {@code set*} values are required, {@code opt*} values
 * optional; {@link #build()} checks them all at once and names every problem.
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
public final class ActiveLearningLoopBuilder<X, Y> {
    Pool<X> pool;
    Learner<X, Y> learner;
    QueryStrategy<X> strategy;
    Oracle<X, Y> oracle;
    int querySize = 100;
    int chunkSize = 1024;
    StoppingCriterion stopping = StoppingCriteria.maxRounds(10);
    InitialSelection initial;
    Map<Long, Y> preLabeled = Map.of();
    java.util.Set<Long> retired = java.util.Set.of();
    LabelJournal<Y> journal;
    Evaluator<X, Y> evaluator;
    long seed = 42;
    boolean requeueSkipped;
    final List<LoopListener<X, Y>> listeners = new ArrayList<>();

    ActiveLearningLoopBuilder() {}

    /**
     * Sets the pool; it must have no labeled ids (labels come from the journal or the oracle).
     *
     * @param pool the pool
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> setPool(Pool<X> pool) {
        this.pool = pool;
        return this;
    }

    /**
     * Sets the learner.
     *
     * @param learner the learner
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> setLearner(Learner<X, Y> learner) {
        this.learner = learner;
        return this;
    }

    /**
     * Sets the query strategy.
     *
     * @param strategy the strategy
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> setStrategy(QueryStrategy<X> strategy) {
        this.strategy = strategy;
        return this;
    }

    /**
     * Sets the oracle.
     *
     * @param oracle the oracle
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> setOracle(Oracle<X, Y> oracle) {
        this.oracle = oracle;
        return this;
    }

    /**
     * Sets how many instances each round queries (default 100).
     *
     * @param k the query size, positive
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optQuerySize(int k) {
        this.querySize = k;
        return this;
    }

    /**
     * Sets how many inputs go to the learner per scoring call (default 1024).
     *
     * @param n the chunk size, positive
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optScoringChunkSize(int n) {
        this.chunkSize = n;
        return this;
    }

    /**
     * Sets when to stop (default {@code maxRounds(10)}); the loop also stops when the pool is
     * exhausted.
     *
     * @param criterion the criterion
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optStoppingCriterion(StoppingCriterion criterion) {
        this.stopping = criterion;
        return this;
    }

    /**
     * Sets the initial labeled set, labeled by the oracle as round 0; required unless the journal
     * already holds labels.
     *
     * @param selection the selection
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optInitialSelection(InitialSelection selection) {
        this.initial = selection;
        return this;
    }

    /**
     * Starts from labels you already have (from an earlier project, a labeling team's export):
     * they are trained on from the first round and never asked about. They are not written to
     * the journal, so pass the same map when resuming; a journal that labels one of these ids
     * differently is an error naming the id and the line.
     *
     * @param labeled labels by pool id, in the order to keep; every id must be in the pool and
     *     every label one of the learner's classes (checked by {@link #build()})
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optLabeled(Map<Long, Y> labeled) {
        this.preLabeled = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(labeled, "labeled")));
        return this;
    }

    /**
     * Ids that have left the pool for good (for example images deleted from a folder): their
     * journal entries stay in the journal but are not replayed, where an unknown id would
     * otherwise be refused as a sign of a journal from other data.
     *
     * @param ids the retired ids; none may be in the pool (checked by {@link #build()})
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optRetiredIds(java.util.Set<Long> ids) {
        this.retired = java.util.Set.copyOf(Objects.requireNonNull(ids, "ids"));
        return this;
    }

    /**
     * Sets the label journal to replay and append to (default none: labels live in memory).
     *
     * @param journal the open journal; the caller closes it
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optJournal(LabelJournal<Y> journal) {
        this.journal = journal;
        return this;
    }

    /**
     * Sets an evaluator run after every training (default none).
     *
     * @param evaluator the evaluator
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optEvaluator(Evaluator<X, Y> evaluator) {
        this.evaluator = evaluator;
        return this;
    }

    /**
     * Sets the seed of the initial selection and of every round's randomness (default 42).
     *
     * @param seed the seed
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Lets skipped ids be selected again in later rounds (default false: a skip is final).
     *
     * @param requeue true to requeue skipped ids
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> optRequeueSkipped(boolean requeue) {
        this.requeueSkipped = requeue;
        return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public ActiveLearningLoopBuilder<X, Y> addListener(LoopListener<X, Y> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Checks every setting and builds the loop.
     *
     * @return the loop
     * @throws IllegalArgumentException naming every missing or invalid setting
     */
    public ActiveLearningLoop<X, Y> build() {
        List<String> problems = problems(true);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid active-learning loop: " + String.join("; ", problems));
        }
        return new ActiveLearningLoop<>(this);
    }

    /**
     * Builds the pull API instead of the loop: for labeling tools that own their event loop (a
     * web page, a queue), which ask for queries, hand in answers and retrain when they choose.
     * The oracle, stopping criterion and listeners are not used; everything else is, with the
     * same journal, resume and validation rules as {@link #build()}.
     *
     * @return the session
     * @throws IllegalArgumentException naming every invalid setting
     */
    public LabelingSession<X, Y> buildSession() {
        List<String> problems = problems(false);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid labeling session: " + String.join("; ", problems));
        }
        return new LabelingSession<>(this);
    }

    private List<String> problems(boolean needOracle) {
        List<String> problems = new ArrayList<>();
        if (pool == null) {
            problems.add("setPool(...) is required");
        } else if (pool.labeledCount() > 0) {
            problems.add("the pool already has " + pool.labeledCount()
                    + " labeled ids whose labels the loop does not know; pass an unlabeled pool and"
                    + " supply labels through optJournal(...) or optInitialSelection(...)");
        }
        if (learner == null) {
            problems.add("setLearner(...) is required");
        } else if (learner.classes() == null || learner.classes().isEmpty()) {
            problems.add("the learner reports no classes; Learner.classes() must list at least one");
        }
        if (strategy == null) {
            problems.add("setStrategy(...) is required");
        }
        if (oracle == null && needOracle) {
            problems.add("setOracle(...) is required");
        }
        if (querySize < 1) {
            problems.add("optQuerySize must be >= 1, got " + querySize);
        }
        if (chunkSize < 1) {
            problems.add("optScoringChunkSize must be >= 1, got " + chunkSize);
        }
        if (stopping == null) {
            problems.add("optStoppingCriterion must not be null");
        }
        if (pool != null && learner != null && learner.classes() != null) {
            List<String> bad = new ArrayList<>();
            for (Map.Entry<Long, Y> e : preLabeled.entrySet()) {
                if (!pool.contains(e.getKey())) {
                    bad.add("id " + e.getKey() + " is not in the pool");
                } else if (!learner.classes().contains(e.getValue())) {
                    bad.add("id " + e.getKey() + " has label '" + e.getValue() + "', not one of " + learner.classes());
                }
                if (bad.size() == 5) {
                    bad.add("...");
                    break;
                }
            }
            if (!bad.isEmpty()) {
                problems.add("optLabeled: " + String.join(", ", bad));
            }
            for (long id : retired) {
                if (pool.contains(id)) {
                    problems.add("optRetiredIds: id " + id + " is still in the pool");
                    break;
                }
            }
        }
        if (initial == null && preLabeled.isEmpty()
                && (journal == null || journal.initialState().labels().isEmpty())) {
            problems.add("optInitialSelection(...) is required when there are no labels yet to train on (for"
                    + " example InitialSelection.random(20)); with a journal that holds labels it may be left out");
        }
        return problems;
    }
}
