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
 * Pool-based active learning: train on the labeled set, score the pool, select the most
 * informative instances, ask the oracle, record the answers, and repeat until a stopping
 * criterion is met; the model trained last is trained on every label.
 *
 * <p>One round, as {@link #step()} runs it:
 *
 * <ol>
 *   <li>train the learner on all labels so far, and evaluate it if an evaluator is set;
 *   <li>stop if the stopping criterion is met or no candidates remain (that model is the final
 *       one);
 *   <li>select up to {@code querySize} candidates with the strategy, journal the batch;
 *   <li>hand them to the oracle, journaling and applying each answer as it arrives.
 * </ol>
 *
 * <p>Before the first round the oracle labels the initial selection (round 0). With a {@link
 * LabelJournal} the loop first replays it: labeled ids are never asked again, and the unanswered
 * queries of an interrupted batch are asked first. The loop prints nothing; observe it with {@link
 * LoopListener}s.
 *
 * <pre>{@code
 * LoopResult result = ActiveLearningLoop.<Image, Integer>builder()
 *         .setPool(pool).setLearner(learner).setOracle(oracle)
 *         .setStrategy(QueryStrategies.leastConfidence())
 *         .optInitialSelection(InitialSelection.random(100))
 *         .optQuerySize(100)
 *         .optStoppingCriterion(StoppingCriteria.maxRounds(10).or(StoppingCriteria.labelBudget(2_000)))
 *         .optJournal(journal).optSeed(42)
 *         .build()
 *         .run();
 * }</pre>
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
public final class ActiveLearningLoop<X, Y> {

    private final Pool<X> pool;
    private final Learner<X, Y> learner;
    private final QueryStrategy<X> strategy;
    private final Oracle<X, Y> oracle;
    private final int querySize;
    private final int chunkSize;
    private final StoppingCriterion stopping;
    private final InitialSelection initial;
    private final LabelJournal<Y> journal;
    private final Evaluator<X, Y> evaluator;
    private final long seed;
    private final boolean requeueSkipped;
    private final List<LoopListener<X, Y>> listeners;
    private final Map<Long, Y> preLabeled;
    private final LabelBook<X, Y> book;

    private final List<RoundSummary> history = new ArrayList<>();
    private Metrics metrics = Metrics.EMPTY;
    private int round;
    private long[] pending = new long[0];
    private boolean started;
    private LoopResult result;

    ActiveLearningLoop(ActiveLearningLoopBuilder<X, Y> b) {
        this.pool = b.pool;
        this.learner = b.learner;
        this.strategy = b.strategy;
        this.oracle = b.oracle;
        this.querySize = b.querySize;
        this.chunkSize = b.chunkSize;
        this.stopping = b.stopping;
        this.initial = b.initial;
        this.journal = b.journal;
        this.evaluator = b.evaluator;
        this.seed = b.seed;
        this.requeueSkipped = b.requeueSkipped;
        this.listeners = List.copyOf(b.listeners);
        this.preLabeled = b.preLabeled;
        this.book = new LabelBook<>(pool, journal, learner.classes(), b.retired);
    }

    /**
     * Starts a builder.
     *
     * @param <X> the input type
     * @param <Y> the label type
     * @return the builder
     */
    public static <X, Y> ActiveLearningLoopBuilder<X, Y> builder() {
        return new ActiveLearningLoopBuilder<>();
    }

    /**
     * Starts a builder with its pool and learner, so the types are inferred without a witness.
     *
     * @param pool the pool
     * @param learner the learner
     * @param <X> the input type
     * @param <Y> the label type
     * @return the builder
     */
    public static <X, Y> ActiveLearningLoopBuilder<X, Y> builder(Pool<X> pool, Learner<X, Y> learner) {
        return new ActiveLearningLoopBuilder<X, Y>().setPool(pool).setLearner(learner);
    }

    /**
     * Runs rounds until the loop ends.
     *
     * @return how it ended
     * @throws RuntimeException whatever the oracle, learner, strategy or a listener threw, after
     *     the loop recorded the failure; every accepted answer is saved
     */
    public LoopResult run() {
        while (step()) {
            // each step is one round
        }
        return result;
    }

    /**
     * Runs one round (the first call also replays the journal and labels the initial set).
     *
     * @return true if another round follows, false when the loop has ended
     * @throws IllegalStateException if the loop has already ended
     */
    public boolean step() {
        if (result != null) {
            throw new IllegalStateException("The loop has already ended (" + result.reason() + ": " + result.detail()
                    + "); build a new loop to continue");
        }
        try {
            if (!started) {
                started = true;
                if (!start()) {
                    return false;
                }
            }
            return round();
        } catch (RuntimeException e) {
            if (result == null) {
                finish(LoopResult.StopReason.FAILED, "Round " + (round + 1) + " failed: " + e.getMessage() + "; "
                        + book.labeledCount() + " labels are saved");
            }
            throw e;
        }
    }

    /**
     * The labels known so far, in the order they were given (including resumed ones).
     *
     * @return an unmodifiable copy
     */
    public Map<Long, Y> labels() {
        return book.labelsCopy();
    }

    /**
     * The current state.
     *
     * @return the state
     */
    public LoopState state() {
        int candidates = pool.unlabeledCount() - (requeueSkipped ? 0 : book.skippedCount());
        return new LoopState(round, book.labeledCount(), candidates, book.labelsThisRun(), metrics, book.skippedCount());
    }

    /**
     * How the loop ended, once it has.
     *
     * @return the result, or null while it runs
     */
    public LoopResult result() {
        return result;
    }

    private boolean start() {
        LabelBook.Resume resume = book.restore(preLabeled);
        int resumedRound = resume.lastRound();
        pending = resume.pending();
        if (resumedRound >= 0) {
            round = pending.length > 0 ? Math.max(0, resumedRound - 1) : resumedRound;
        }
        emit(l -> l.onLoopStart(state()));
        if (resumedRound < 0 && initial != null) {
            long[] ids = initial.select(pool, randomFor(0));
            if (ids.length > 0) {
                return ask(0, toQueries(ids), 0.0, true).unanswered == 0 || stoppedByOracle(0);
            }
        } else if (resumedRound == 0 && pending.length > 0) {
            long[] ids = pending;
            pending = new long[0];
            // the interrupted initial batch is in the journal already: ask it again without a second query line
            return ask(0, toQueries(ids), 0.0, false).unanswered == 0 || stoppedByOracle(0);
        } else if (resumedRound > 0 && pending.length > 0) {
            return resumeBatch(resumedRound, resume.labeledBeforeLastRound());
        }
        return true;
    }

    /**
     * Asks the unanswered queries of a batch that an interrupted process chose, before any training:
     * the person is not kept waiting for a model whose choice is already known, and the next round
     * trains on every answer.
     */
    private boolean resumeBatch(int r, int trainedOn) {
        emit(l -> l.onRoundStart(r, state()));
        long[] ids = pending;
        pending = new long[0];
        List<Query<X>> queries = toQueries(ids);
        Outcome o = ask(r, queries, 0.0, false);
        round = r;
        record(new RoundSummary(r, trainedOn, Metrics.EMPTY, 0, 0, 0, o.seconds, queries.size(), o.labeled,
                o.skipped, false, true));
        return o.unanswered == 0 || stoppedByOracle(r);
    }

    private boolean round() {
        int r = round + 1;
        emit(l -> l.onRoundStart(r, state()));
        if (book.labeledCount() == 0) {
            throw new IllegalStateException("No labels to train on in round " + r
                    + "; configure optInitialSelection(InitialSelection.random(n)) or a journal with labels");
        }
        List<LabeledExample<X, Y>> examples = book.examples();
        long t0 = System.nanoTime();
        learner.fit(examples);
        double trainSeconds = seconds(t0);
        emit(l -> l.onTrained(r, examples.size(), trainSeconds));
        double evalSeconds = 0;
        Metrics training = Objects.requireNonNull(learner.trainingMetrics(), "trainingMetrics() returned null");
        if (evaluator != null) {
            long t1 = System.nanoTime();
            metrics = withTraining(Objects.requireNonNull(evaluator.evaluate(learner), "evaluator returned null"),
                    training);
            evalSeconds = seconds(t1);
            Metrics m = metrics;
            emit(l -> l.onEvaluated(r, m));
        } else {
            metrics = training;
        }
        LoopState s = state();
        LoopResult.StopReason reason = null;
        String detail = null;
        if (stopping.shouldStop(s)) {
            reason = LoopResult.StopReason.CRITERION_MET;
            detail = "stopping criterion " + stopping + " met after " + round + " query rounds with "
                    + book.labeledCount() + " labels";
        } else if (s.candidateCount() == 0) {
            reason = LoopResult.StopReason.POOL_EXHAUSTED;
            detail = "no candidates remain after " + round + " query rounds with " + book.labeledCount() + " labels";
        }
        if (reason != null) {
            record(new RoundSummary(r, examples.size(), metrics, trainSeconds, evalSeconds, 0, 0, 0, 0, 0, true));
            finish(reason, detail);
            return false;
        }
        long t2 = System.nanoTime();
        int k = Math.min(querySize, s.candidateCount());
        int cap = stopping.remainingLabels(s).orElse(Integer.MAX_VALUE);
        if (cap < k) {
            // a label budget is a cap: ask only for what it still allows
            k = Math.max(1, cap);
        }
        if (k < querySize) {
            int available = k;
            emit(l -> l.onQuerySizeReduced(r, querySize, available));
        }
        QueryContext<X> ctx = new QueryContext<>(pool, learner, r, randomFor(r), chunkSize,
                id -> !requeueSkipped && book.isSkipped(id));
        List<Query<X>> queries = validate(strategy.select(ctx, k), k, r);
        if (queries.isEmpty()) {
            // the model just trained on every label: it is the final one
            record(new RoundSummary(r, examples.size(), metrics, trainSeconds, evalSeconds, seconds(t2), 0, 0, 0,
                    0, true));
            finish(LoopResult.StopReason.NOTHING_SELECTED, "strategy " + strategy + " selected nothing in round "
                    + r + " although " + s.candidateCount() + " candidates remain; the model of round " + r
                    + " is trained on all " + book.labeledCount() + " labels");
            return false;
        }
        double selectSeconds = seconds(t2);
        Outcome o = ask(r, queries, selectSeconds, true);
        round = r;
        record(new RoundSummary(r, examples.size(), metrics, trainSeconds, evalSeconds, selectSeconds, o.seconds,
                queries.size(), o.labeled, o.skipped, false));
        return o.unanswered == 0 || stoppedByOracle(r);
    }

    /** The evaluation's metrics followed by the learner's training metrics (evaluation wins on a name clash). */
    private static Metrics withTraining(Metrics evaluation, Metrics training) {
        if (training.values().isEmpty()) {
            return evaluation;
        }
        Map<String, Double> all = new LinkedHashMap<>(evaluation.values());
        training.values().forEach(all::putIfAbsent);
        return new Metrics(all);
    }

        private boolean stoppedByOracle(int r) {
        int left = pending.length;
        finish(LoopResult.StopReason.ORACLE_STOPPED, "the oracle stopped in round " + r + " with " + left
                + " queries unanswered; " + book.labeledCount() + " labels are saved"
                + (journal != null ? " in " + journal.file() + " and the next run resumes there" : ""));
        return false;
    }

    private List<Query<X>> validate(List<Query<X>> queries, int k, int r) {
        Objects.requireNonNull(queries, () -> "strategy " + strategy + " returned null");
        if (queries.size() > k) {
            throw new IllegalStateException("Strategy " + strategy + " returned " + queries.size()
                    + " queries in round " + r + " but only " + k + " were asked for");
        }
        Set<Long> seen = new HashSet<>();
        for (Query<X> q : queries) {
            long id = q.id();
            if (!pool.contains(id) || pool.isLabeled(id) || (!requeueSkipped && book.isSkipped(id))) {
                throw new IllegalStateException("Strategy " + strategy + " selected id " + id + " in round " + r
                        + ", which is not a candidate (unknown, labeled or skipped)");
            }
            if (!seen.add(id)) {
                throw new IllegalStateException("Strategy " + strategy + " selected id " + id + " twice in round " + r);
            }
        }
        return List.copyOf(queries);
    }

    private List<Query<X>> toQueries(long[] ids) {
        List<X> inputs = pool.inputs(ids);
        List<Query<X>> out = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            out.add(new Query<>(ids[i], inputs.get(i), Double.NaN));
        }
        return out;
    }

    private record Outcome(int labeled, int skipped, int unanswered, double seconds) {}

    private Outcome ask(int r, List<Query<X>> queries, double selectSeconds, boolean recordQuery) {
        long[] ids = queries.stream().mapToLong(Query::id).toArray();
        if (recordQuery) {
            book.recordQuery(r, ids);
        }
        emit(l -> l.onQueried(r, queries, selectSeconds));
        BatchSink sink = new BatchSink(r, ids);
        long t0 = System.nanoTime();
        try {
            oracle.label(queries, sink);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Oracle " + oracle.name() + " failed in round " + r + ": "
                    + e.getMessage() + "; the " + book.labeledCount() + " labels given so far are saved", e);
        } finally {
            sink.close();
        }
        double took = seconds(t0);
        pending = sink.unanswered();
        int labeled = 0;
        int skips = 0;
        for (Answer<Y> a : sink.answers.values()) {
            if (a.isSkip()) {
                skips++;
            } else {
                labeled++;
            }
        }
        return new Outcome(labeled, skips, pending.length, took);
    }

    private void record(RoundSummary summary) {
        history.add(summary);
        emit(l -> l.onRoundEnd(summary));
    }

    private void finish(LoopResult.StopReason reason, String detail) {
        result = new LoopResult(reason, detail, state(), history);
        LoopResult res = result;
        emit(l -> l.onLoopEnd(res));
    }

    private RandomGenerator randomFor(int r) {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (r + 1));
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void emit(java.util.function.Consumer<LoopListener<X, Y>> event) {
        for (LoopListener<X, Y> l : listeners) {
            event.accept(l);
        }
    }

    /** Receives the oracle's answers for one batch and applies each at once. */
    private final class BatchSink implements AnswerSink<Y> {
        private final int r;
        private final long[] ids;
        private final Set<Long> batch = new HashSet<>();
        private final Map<Long, Answer<Y>> answers = new LinkedHashMap<>();
        private long mark = System.nanoTime();
        private boolean closed;

        /** Ends the batch: the oracle's label() returned, so later answers cannot count. */
        void close() {
            closed = true;
        }

        private void requireOpen(String what, long id) {
            if (closed) {
                throw new IllegalStateException("The " + what + " for id " + id + " came after round " + r
                        + "'s batch ended (the oracle's label() had returned) and was not recorded; give every answer"
                        + " before label() returns, or use a new batch");
            }
        }

        BatchSink(int r, long[] ids) {
            this.r = r;
            this.ids = ids;
            for (long id : ids) {
                batch.add(id);
            }
        }

        @Override
        public void accept(Answer<Y> answer) {
            Objects.requireNonNull(answer, "answer");
            long id = answer.id();
            requireOpen("answer", id);
            if (!batch.contains(id)) {
                throw new IllegalArgumentException("Answer for id " + id + " does not match any query of round " + r
                        + "; the queried ids are " + Arrays.toString(ids));
            }
            if (answers.containsKey(id)) {
                throw new IllegalArgumentException("Id " + id + " was already answered in round " + r
                        + "; retract the answer first to change it");
            }
            if (!answer.isSkip()) {
                book.requireClass(id, answer.label());
            }
            long now = System.nanoTime();
            Answer<Y> a = answer;
            if (a.annotator() == null) {
                a = a.withAnnotator(oracle.name());
            }
            if (Double.isNaN(a.seconds())) {
                a = a.withSeconds((now - mark) / 1e9);
            }
            mark = now;
            book.apply(r, a);
            answers.put(id, a);
            Answer<Y> done = a;
            emit(l -> l.onAnswer(r, done));
        }

        @Override
        public void retract(long id) {
            requireOpen("retraction", id);
            Answer<Y> previous = answers.get(id);
            if (previous == null) {
                throw new IllegalArgumentException("Id " + id + " has no answer in round " + r + " to retract");
            }
            book.retract(r, previous);
            answers.remove(id);
            mark = System.nanoTime();
            emit(l -> l.onRetracted(r, id));
        }

        long[] unanswered() {
            return Arrays.stream(ids).filter(id -> !answers.containsKey(id)).toArray();
        }
    }
}
