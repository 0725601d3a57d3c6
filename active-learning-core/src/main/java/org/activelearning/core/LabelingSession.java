package org.activelearning.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.activelearning.core.stopping.StoppingCriterion;

/**
 * The pull API: active learning driven by a labeling tool that owns its event loop (a web page, a
 * message queue, a team's tool) rather than by {@link ActiveLearningLoop#run()}. The tool asks for
 * a batch with {@link #query(int)}, hands answers in with {@link #teach} as people give them, and
 * calls {@link #retrain()} when it wants a new model.
 *
 * <pre>{@code
 * LabelingSession<Image, String> session = ActiveLearningLoop.builder(pool, learner)
 *         .setStrategy(QueryStrategies.leastConfidence()).optInitialSelection(InitialSelection.random(50))
 *         .optJournal(journal).buildSession();
 * List<Query<Image>> batch = session.query(20);        // the initial selection, before any model exists
 * session.teach(Answer.of(batch.get(0).id(), "cat"));  // on disk when this returns
 * ...
 * session.retrain();                                   // then query(20) asks the strategy
 * }</pre>
 *
 * <p>The rules are the loop's, with the same code ({@code LabelBook}): every answer is journaled
 * and forced to disk before {@link #teach} returns; a journal is replayed when the session is
 * built, so labeled ids are never asked again and the unanswered queries of an interrupted batch
 * are {@link #outstanding()} and returned first by {@link #query(int)}; answers must be for
 * outstanding queries and use the learner's classes. A label budget in the stopping criterion
 * caps batches as in the loop. Not thread-safe: call it from one thread (or synchronize).
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
public final class LabelingSession<X, Y> {

    private final Pool<X> pool;
    /** The model that selects; replaced by {@link #adopt} when a standby model trained elsewhere. */
    private Learner<X, Y> learner;
    private final QueryStrategy<X> strategy;
    private final InitialSelection initial;
    private final Evaluator<X, Y> evaluator;
    private final StoppingCriterion stopping;
    private final int chunkSize;
    private final long seed;
    private final boolean requeueSkipped;
    private final LabelBook<X, Y> book;
    /** Outstanding queries of the current batch by id, in the order they were asked. */
    private final Map<Long, Query<X>> outstanding = new LinkedHashMap<>();
    /** Answers of the current batch, for undo. */
    private final Map<Long, Answer<Y>> answered = new LinkedHashMap<>();
    private int batchRound;
    private int trainings;
    private boolean trained;
    private boolean initialAsked;
    private Metrics metrics = Metrics.EMPTY;
    /** The whole interrupted batch, answered and not, as the journal's last query line has it. */
    private long[] resumedBatch = new long[0];
    private long mark = System.nanoTime();

    LabelingSession(ActiveLearningLoopBuilder<X, Y> b) {
        this.pool = b.pool;
        this.learner = b.learner;
        this.strategy = b.strategy;
        this.initial = b.initial;
        this.evaluator = b.evaluator;
        this.stopping = b.stopping;
        this.chunkSize = b.chunkSize;
        this.seed = b.seed;
        this.requeueSkipped = b.requeueSkipped;
        this.book = new LabelBook<>(pool, b.journal, learner.classes(), b.retired);
        LabelBook.Resume resume = book.restore(b.preLabeled);
        if (resume.lastRound() >= 0) {
            initialAsked = true;
            batchRound = resume.lastRound();
            trainings = resume.lastRound();
        }
        long[] pending = resume.pending();
        List<X> pendingInputs = pool.inputs(pending);
        for (int i = 0; i < pending.length; i++) {
            outstanding.put(pending[i], new Query<>(pending[i], pendingInputs.get(i), Double.NaN));
        }
        resumedBatch = resume.pending().length > 0 ? resume.lastBatch() : new long[0];
    }

    /**
     * The next batch: the outstanding queries if any remain (after a crash, those of the
     * interrupted batch); otherwise, before the first training, the initial selection; otherwise
     * up to {@code k} new queries chosen by the strategy with the last trained model, journaled
     * before they are returned.
     *
     * @param k the most queries to return, positive
     * @return the queries, most informative first; empty when no candidate remains or the label
     *     budget is spent
     * @throws IllegalStateException if new queries need a model and {@link #retrain()} was not called
     */
    public List<Query<X>> query(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (!outstanding.isEmpty()) {
            return new ArrayList<>(outstanding.values()).subList(0, Math.min(k, outstanding.size()));
        }
        int cap = stopping.remainingLabels(state()).orElse(Integer.MAX_VALUE);
        int n = Math.min(Math.min(k, cap), state().candidateCount());
        if (n <= 0) {
            return List.of();
        }
        List<Query<X>> batch;
        if (!initialAsked && trainings == 0 && initial != null) {
            long[] ids = initial.select(pool, random(0));
            ids = java.util.Arrays.copyOf(ids, Math.min(n, ids.length));
            List<X> inputs = pool.inputs(ids);
            batch = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                batch.add(new Query<>(ids[i], inputs.get(i), Double.NaN));
            }
            initialAsked = true;
            batchRound = 0;
        } else {
            if (!trained) {
                throw new IllegalStateException("No model has been trained in this session yet: call retrain() "
                        + "(after teaching the first answers, or after a resume), then query again");
            }
            QueryContext<X> ctx = new QueryContext<>(pool, learner, trainings, random(trainings), chunkSize,
                    id -> !requeueSkipped && book.isSkipped(id));
            batch = strategy.select(ctx, n);
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (Query<X> q : batch) {
                long id = q.id();
                if (!pool.contains(id) || pool.isLabeled(id) || (!requeueSkipped && book.isSkipped(id)) || !seen.add(id)) {
                    throw new IllegalStateException("Strategy " + strategy + " selected id " + id
                            + ", which is not a candidate (unknown, labeled, skipped or selected twice)");
                }
            }
            batchRound = trainings;
        }
        long[] ids = batch.stream().mapToLong(Query::id).toArray();
        book.recordQuery(batchRound, ids);
        answered.clear();
        for (Query<X> q : batch) {
            outstanding.put(q.id(), q);
        }
        mark = System.nanoTime();
        return List.copyOf(batch);
    }

    /**
     * Records answers to outstanding queries, each on disk before the next is taken.
     *
     * @param answers the answers
     * @throws IllegalArgumentException for an id that is not outstanding or a label that is not a
     *     class; the answers before it are recorded
     */
    public void teach(Collection<Answer<Y>> answers) {
        for (Answer<Y> a : answers) {
            teach(a);
        }
    }

    /**
     * Records one answer to an outstanding query; on disk when this returns.
     *
     * @param answer the answer; a missing annotator becomes {@code "session"}, missing seconds the
     *     time since the previous answer or query
     * @throws IllegalArgumentException if the id is not outstanding or the label is not a class
     */
    public void teach(Answer<Y> answer) {
        Objects.requireNonNull(answer, "answer");
        long id = answer.id();
        if (!outstanding.containsKey(id)) {
            throw new IllegalArgumentException("Id " + id + " is not an outstanding query"
                    + (book.labelsView().containsKey(id) ? " (it is already labeled)" : "")
                    + "; outstanding: " + outstanding.keySet());
        }
        long now = System.nanoTime();
        Answer<Y> a = answer.annotator() == null ? answer.withAnnotator("session") : answer;
        if (Double.isNaN(a.seconds())) {
            a = a.withSeconds((now - mark) / 1e9);
        }
        book.apply(batchRound, a);
        mark = now;
        outstanding.remove(id);
        answered.put(id, a);
    }

    /**
     * Takes back an answer of the current batch, making its query outstanding again.
     *
     * @param id the id
     * @throws IllegalArgumentException if the current batch has no answer for the id
     */
    public void undo(long id) {
        Answer<Y> previous = answered.remove(id);
        if (previous == null) {
            throw new IllegalArgumentException("Id " + id + " has no answer in the current batch to undo");
        }
        book.retract(batchRound, previous);
        outstanding.put(id, new Query<>(id, pool.input(id), Double.NaN));
    }

    /**
     * Trains the learner on every label so far (and evaluates it when an evaluator is set).
     *
     * @return the evaluation with the learner's training metrics, or those alone
     * @throws IllegalStateException if nothing is labeled yet
     */
    public Metrics retrain() {
        if (book.labeledCount() == 0) {
            throw new IllegalStateException("Nothing is labeled yet: teach some answers before retraining");
        }
        learner.fit(book.examples());
        trainings++;
        trained = true;
        Map<String, Double> all = new LinkedHashMap<>();
        if (evaluator != null) {
            all.putAll(Objects.requireNonNull(evaluator.evaluate(learner), "evaluator returned null").values());
        }
        learner.trainingMetrics().values().forEach(all::putIfAbsent);
        metrics = new Metrics(all);
        return metrics;
    }

    /**
     * The queries asked and not answered yet, in the order they were asked.
     *
     * @return a copy
     */
    public List<Query<X>> outstanding() {
        return List.copyOf(outstanding.values());
    }

    /**
     * The labels so far, in answer order (resumed and pre-existing ones first).
     *
     * @return an unmodifiable copy
     */
    public Map<Long, Y> labels() {
        return book.labelsCopy();
    }

    /**
     * The current state, as stopping criteria see it; {@code round} counts trainings.
     *
     * @return the state
     */
    public LoopState state() {
        int candidates = pool.unlabeledCount() - (requeueSkipped ? 0 : book.skippedCount());
        return new LoopState(trainings, book.labeledCount(), candidates, book.labelsThisRun(), metrics,
                book.skippedCount());
    }

    // ---- for LabelingDesk's background training (package-private) ----

    /** A snapshot of the labeled examples, for a model trained on another thread. */
    List<LabeledExample<X, Y>> examples() {
        return book.examples();
    }

    /** The evaluation of a model (as {@link #retrain()} reports it), without adopting it. */
    Metrics evaluate(Learner<X, Y> model) {
        Map<String, Double> all = new LinkedHashMap<>();
        if (evaluator != null) {
            all.putAll(Objects.requireNonNull(evaluator.evaluate(model), "evaluator returned null").values());
        }
        model.trainingMetrics().values().forEach(all::putIfAbsent);
        return new Metrics(all);
    }

    /**
     * Makes a model trained elsewhere the one that selects, as a training of this session.
     *
     * @return the model it replaces (now free to train the next one)
     */
    Learner<X, Y> adopt(Learner<X, Y> trainedModel, Metrics evaluation) {
        Learner<X, Y> previous = learner;
        learner = trainedModel;
        trainings++;
        trained = true;
        metrics = evaluation;
        return previous;
    }

    /** The ids of the interrupted batch whose unanswered queries are outstanding after a resume, in order. */
    long[] resumedBatch() {
        return resumedBatch.clone();
    }

    /** The model that selects now. */
    Learner<X, Y> model() {
        return learner;
    }

    /**
     * Re-ranks the outstanding queries with the current model: the strategy orders them as it
     * would choose among them.
     *
     * @param keepFirst ids to keep at the head in their order (queries people hold)
     */
    void rerank(java.util.Set<Long> keepFirst) {
        if (outstanding.size() < 2 || !trained) {
            return;
        }
        java.util.Set<Long> open = new java.util.HashSet<>(outstanding.keySet());
        open.removeAll(keepFirst);
        if (open.size() < 2) {
            return;
        }
        QueryContext<X> ctx = new QueryContext<>(pool, learner, trainings, random(trainings), chunkSize, id -> false);
        List<Query<X>> ranked = strategy.where(open::contains).select(ctx, open.size());
        Map<Long, Query<X>> reordered = new LinkedHashMap<>();
        for (Map.Entry<Long, Query<X>> e : outstanding.entrySet()) {
            if (keepFirst.contains(e.getKey())) {
                reordered.put(e.getKey(), e.getValue());
            }
        }
        for (Query<X> q : ranked) {
            reordered.put(q.id(), q);
        }
        outstanding.keySet().stream().filter(id -> !reordered.containsKey(id)).toList()
                .forEach(id -> reordered.put(id, outstanding.get(id)));
        outstanding.clear();
        outstanding.putAll(reordered);
    }

    private SplittableRandom random(int round) {
        return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (round + 1));
    }
}
