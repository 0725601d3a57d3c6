package org.activelearning.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Several annotators labeling one {@link LabelingSession} at once, as a web page's server needs:
 * each gets queries no one else holds, answers are accepted only for the queries an annotator
 * holds, a query held too long (a closed tab) goes back to the queue, and batches and trainings
 * follow the loop's rhythm (initial batch, then per round: train, select k, answer them; a final
 * training after the last round).
 *
 * <p>Every method is synchronized: the desk may be called from a web server's threads. Training
 * happens inside {@link #next} when a batch is done, so the caller that asks for the first query
 * of a new batch waits for the model.
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
public final class LabelingDesk<X, Y> {

    /** What {@link #next} hands an annotator. */
    public enum Status {
        /** A query to answer. */
        QUERY,
        /** Every query of the batch is held by someone else; ask again shortly. */
        WAIT,
        /** The last round is answered and the final model trained. */
        DONE
    }

    /**
     * The answer to {@link #next}.
     *
     * @param status what the annotator should do
     * @param query the query (status {@link Status#QUERY}), else null
     * @param round the round of the batch (0 for the initial one)
     * @param position the query's 1-based position in its batch
     * @param batchSize the batch's size
     * @param <X> the input type
     */
    public record Next<X>(Status status, Query<X> query, int round, int position, int batchSize) {}

    /** Told about each training, for metrics, checkpoints and plots. */
    @FunctionalInterface
    public interface TrainingListener {
        /**
         * A model was trained.
         *
         * @param round the training's number (1 for the first; the final one is {@code rounds + 1})
         * @param labels labels it was trained on
         * @param metrics its evaluation and training metrics
         * @param last true for the final training
         */
        void trained(int round, int labels, Metrics metrics, boolean last);
    }

    private record Lease(String annotator, long since) {}

    private final LabelingSession<X, Y> session;
    private final int batchSize;
    private final int rounds;
    private final long leaseNanos;
    private final LongSupplier clock;
    private final TrainingListener listener;
    private LoopListener<X, Y> answers;
    /** Held queries in the order they were handed out: an annotator's oldest is their current one. */
    private final Map<Long, Lease> leases = new LinkedHashMap<>();
    private final Map<String, Deque<Long>> answeredBy = new HashMap<>();
    private List<Long> batch = List.of();
    private int batchRound;
    private int labelsAtTraining = -1;
    private boolean done;
    // background training (null standby: train synchronously when a batch is done)
    private Learner<X, Y> standby;
    private java.util.concurrent.ExecutorService worker;
    private boolean training;
    private int batchesAfterInitial;
    private RuntimeException failure;
    private boolean haveModel;

    /**
     * Creates the desk.
     *
     * @param session the session (its journal makes answers durable)
     * @param batchSize queries per round, positive
     * @param rounds query rounds after the initial batch, at least 0
     * @param leaseTimeout how long a query stays with an annotator who does not answer
     * @param clock nanosecond time (tests pass their own)
     * @param listener told about each training, or null
     */
    public LabelingDesk(LabelingSession<X, Y> session, int batchSize, int rounds, Duration leaseTimeout,
            LongSupplier clock, TrainingListener listener) {
        if (batchSize < 1 || rounds < 0) {
            throw new IllegalArgumentException("batchSize must be >= 1 and rounds >= 0, got " + batchSize + " and "
                    + rounds);
        }
        this.session = Objects.requireNonNull(session, "session");
        this.batchSize = batchSize;
        this.rounds = rounds;
        this.leaseNanos = leaseTimeout.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = listener;
        List<Query<X>> resumed = session.outstanding();
        if (!resumed.isEmpty()) {
            // an interrupted batch comes first, without training, numbered as it was first asked
            long[] whole = session.resumedBatch();
            batch = whole.length > 0 ? java.util.Arrays.stream(whole).boxed().toList()
                    : resumed.stream().map(Query::id).toList();
            batchRound = session.state().round();
            labelsAtTraining = session.state().labeledCount();
        }
        batchesAfterInitial = Math.max(0, session.state().round());
    }

    /**
     * Tells a listener about every answer and retraction, after it is journaled (its
     * {@link LoopListener#onAnswer} and {@link LoopListener#onRetracted}).
     *
     * @param listener the listener
     * @return this desk
     */
    public synchronized LabelingDesk<X, Y> withAnswerListener(LoopListener<X, Y> listener) {
        this.answers = listener;
        return this;
    }

    /**
     * Trains in the background while people label: after the first model (which everyone waits
     * for), each answer starts a training of a second model on every label so far unless one is
     * running, and a finished model replaces the one that selects (the two swap roles: at most two
     * models are alive), re-ranks the unanswered queries of the batch, and chooses the next batch
     * the moment the current one is answered. Only the final model, on every label, is waited for.
     *
     * @param secondModel a second learner like the session's, used as the model in training
     * @return this desk
     */
    public synchronized LabelingDesk<X, Y> withBackgroundTraining(Learner<X, Y> secondModel) {
        this.standby = Objects.requireNonNull(secondModel, "secondModel");
        this.worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "background-training");
            t.setDaemon(true);
            return t;
        });
        return this;
    }

    /**
     * The model's class probabilities for inputs, from the model that selects now (never one in
     * training).
     *
     * @param inputs the inputs
     * @return the probabilities, or null before the first model
     */
    public synchronized Probabilities predict(List<X> inputs) {
        return haveModel ? session.model().predictProbabilities(inputs) : null;
    }

    /**
     * The query an annotator should answer now: the one they already hold, else one no one holds;
     * when the batch is done, trains and selects the next batch first.
     *
     * @param annotator who asks
     * @return a query, or WAIT, or DONE
     */
    public synchronized Next<X> next(String annotator) {
        Objects.requireNonNull(annotator, "annotator");
        if (failure != null) {
            throw new IllegalStateException("Background training failed: " + failure.getMessage(), failure);
        }
        expire();
        for (Map.Entry<Long, Lease> e : leases.entrySet()) {
            if (e.getValue().annotator().equals(annotator)) {
                return offer(e.getKey(), annotator);
            }
        }
        if (done) {
            return new Next<>(Status.DONE, null, batchRound, 0, 0);
        }
        if (session.outstanding().isEmpty() && !startBatch()) {
            // finished, or (training in the background) waiting for the final model
            return new Next<>(done ? Status.DONE : Status.WAIT, null, batchRound, 0, 0);
        }
        for (Query<X> q : session.outstanding()) {
            if (!leases.containsKey(q.id())) {
                return offer(q.id(), annotator);
            }
        }
        return new Next<>(Status.WAIT, null, batchRound, 0, batch.size());
    }

    private Next<X> offer(long id, String annotator) {
        leases.put(id, new Lease(annotator, clock.getAsLong()));
        Query<X> q = session.outstanding().stream().filter(o -> o.id() == id).findFirst().orElseThrow();
        return new Next<>(Status.QUERY, q, batchRound, batch.indexOf(id) + 1, batch.size());
    }

    /** Selects the next batch (training first when needed); false when finished or waiting for a model. */
    private boolean startBatch() {
        return standby == null ? startBatchSynchronously() : startBatchInBackgroundMode();
    }

    private boolean startBatchInBackgroundMode() {
        LoopState s = session.state();
        boolean initialPending = labelsAtTraining < 0 && s.labeledCount() == 0;
        if (!initialPending && !haveModel) {
            if (training) {
                return false; // a resumed session's first model is on its way
            }
            // the very first model: everyone waits for it
            trainNow(false);
        }
        if (!initialPending && batchesAfterInitial >= rounds) {
            // the last round is answered: the final model must have every label
            if (labelsAtTraining == s.labeledCount() && !training) {
                finish();
            } else if (!training) {
                trainInBackground();
            }
            return false;
        }
        if (!selectBatch(initialPending, initialPending ? 0 : batchesAfterInitial + 1)) {
            return false;
        }
        if (!initialPending) {
            batchesAfterInitial++;
        }
        return true;
    }

    /** Asks the session for the next batch (the whole initial selection first); false when none is left. */
    private boolean selectBatch(boolean initialPending, int round) {
        List<Query<X>> next = session.query(initialPending ? Integer.MAX_VALUE : batchSize);
        if (next.isEmpty()) {
            done = true;
            return false;
        }
        batch = next.stream().map(Query::id).toList();
        batchRound = round;
        answeredBy.clear();
        if (initialPending) {
            labelsAtTraining = 0;
        }
        return true;
    }

    private void trainNow(boolean last) {
        Metrics m = session.retrain();
        haveModel = true;
        labelsAtTraining = session.state().labeledCount();
        if (listener != null) {
            listener.trained(session.state().round(), labelsAtTraining, m, last);
        }
    }

    private void finish() {
        done = true;
        if (listener != null) {
            LoopState s = session.state();
            listener.trained(s.round(), labelsAtTraining, s.metrics(), true);
        }
    }

    /** Starts training the standby model on a snapshot of every label, unless a training runs. */
    private void trainInBackground() {
        if (training || standby == null || labelsAtTraining <= 0) {
            return;
        }
        List<LabeledExample<X, Y>> snapshot = session.examples();
        Learner<X, Y> model = standby;
        training = true;
        worker.execute(() -> {
            try {
                model.fit(snapshot);
                Metrics m = session.evaluate(model);
                adoptTrained(model, m, snapshot.size());
            } catch (RuntimeException e) {
                synchronized (this) {
                    failure = e;
                    training = false;
                }
            }
        });
    }

    private synchronized void adoptTrained(Learner<X, Y> model, Metrics m, int labels) {
        standby = session.adopt(model, m);
        haveModel = true;
        labelsAtTraining = labels;
        training = false;
        boolean finalRound = batchesAfterInitial >= rounds && session.outstanding().isEmpty();
        boolean complete = labels == session.state().labeledCount();
        if (listener != null && !(finalRound && complete)) {
            listener.trained(session.state().round(), labels, m, false);
        }
        // the new model re-ranks what is left of the batch; queries people hold stay theirs
        session.rerank(leases.keySet());
        if (finalRound && complete) {
            finish();
        } else if (!complete) {
            trainInBackground();
        }
    }

    /** Trains when labels changed since the last training, then selects a batch; false when finished. */
    private boolean startBatchSynchronously() {
        LoopState s = session.state();
        boolean initialPending = labelsAtTraining < 0 && s.labeledCount() == 0;
        if (!initialPending && s.labeledCount() != labelsAtTraining) {
            Metrics m = session.retrain();
            haveModel = true;
            labelsAtTraining = session.state().labeledCount();
            int trainings = session.state().round();
            boolean last = trainings > rounds;
            if (listener != null) {
                listener.trained(trainings, labelsAtTraining, m, last);
            }
            if (last) {
                done = true;
                return false;
            }
        }
        return selectBatch(initialPending, initialPending ? 0 : session.state().round());
    }

    /**
     * Every free query of the current batch for one annotator (a console, where one person answers
     * a whole batch in order): like calling {@link #next} until nothing is free.
     *
     * @param annotator who asks
     * @param status receives, in {@code status[0]}, QUERY, or why the list is empty: WAIT while the
     *     final model trains, DONE when the session is finished
     * @return the queries now held by the annotator, in batch order
     */
    public synchronized List<Next<X>> takeBatch(String annotator, Status[] status) {
        List<Next<X>> out = new ArrayList<>();
        Next<X> first = next(annotator);
        status[0] = first.status();
        if (first.status() != Status.QUERY) {
            return out;
        }
        for (Query<X> q : session.outstanding()) {
            Lease l = leases.get(q.id());
            if (l == null || l.annotator().equals(annotator)) {
                out.add(offer(q.id(), annotator));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Next::position));
        return out;
    }

    /**
     * A second query for an annotator who holds one, so that a page can load its image while the
     * person answers the first; {@link #next} hands it out once the first is answered. At most two
     * queries are held per annotator.
     *
     * @param annotator who asks
     * @return a query, or WAIT when none is free (or they hold none or two already)
     */
    public synchronized Next<X> ahead(String annotator) {
        expire();
        long held = leases.values().stream().filter(l -> l.annotator().equals(annotator)).count();
        if (held == 1 && !done) {
            for (Query<X> q : session.outstanding()) {
                if (!leases.containsKey(q.id())) {
                    return offer(q.id(), annotator);
                }
            }
        }
        return new Next<>(Status.WAIT, null, batchRound, 0, batch.size());
    }

    /**
     * Records an answer; durable (in the journal) when this returns.
     *
     * @param annotator who answers; it must hold the query
     * @param answer the answer (its annotator is replaced by {@code annotator})
     * @throws IllegalArgumentException if the id is not held by this annotator (never assigned,
     *     expired, answered already, or held by someone else), or the label is not a class
     */
    public synchronized void answer(String annotator, Answer<Y> answer) {
        long id = answer.id();
        Lease lease = leases.get(id);
        if (lease == null || !lease.annotator().equals(annotator)) {
            throw new IllegalArgumentException("Id " + id + " is not assigned to " + annotator
                    + (lease == null ? "" : " (another annotator holds it)") + "; ask for the next query");
        }
        Answer<Y> given = answer.withAnnotator(annotator);
        session.teach(given);
        leases.remove(id);
        if (answers != null) {
            answers.onAnswer(batchRound, given);
        }
        answeredBy.computeIfAbsent(annotator, a -> new ArrayDeque<>()).push(id);
        trainInBackground();
    }

    /**
     * Takes back an annotator's previous answer in the current batch; its query becomes theirs again.
     *
     * @param annotator who undoes
     * @return the id whose answer was taken back
     * @throws IllegalStateException if they have no answer in the current batch
     */
    public synchronized long undo(String annotator) {
        Deque<Long> mine = answeredBy.get(annotator);
        if (mine == null || mine.isEmpty()) {
            throw new IllegalStateException(annotator + " has no answer in the current batch to undo (answers of "
                    + "earlier rounds are trained on)");
        }
        long id = mine.pop();
        session.undo(id);
        if (answers != null) {
            answers.onRetracted(batchRound, id);
        }
        // what they held is released; the undone query is theirs to answer again
        leases.values().removeIf(l -> l.annotator().equals(annotator));
        leases.put(id, new Lease(annotator, clock.getAsLong()));
        return id;
    }

    /**
     * Progress for a page: round, labels, the batch's queue, who holds what.
     *
     * @return a snapshot
     */
    public synchronized Map<String, Object> status() {
        expire();
        LoopState s = session.state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("round", batchRound);
        m.put("rounds", rounds);
        m.put("labels", s.labeledCount());
        m.put("skipped", s.skippedCount());
        m.put("batch", batch.size());
        m.put("unanswered", session.outstanding().size());
        m.put("held", leases.size());
        m.put("done", done);
        m.put("training", training);
        m.put("metrics", s.metrics().values());
        return m;
    }

    /**
     * Whether an annotator holds a query now.
     *
     * @param annotator the annotator
     * @param id the id
     * @return true if the query is theirs
     */
    public synchronized boolean holds(String annotator, long id) {
        Lease l = leases.get(id);
        return l != null && l.annotator().equals(annotator);
    }

    /**
     * Why background training stopped, if it failed (the desk then refuses to hand out queries).
     *
     * @return the failure, or null
     */
    public synchronized RuntimeException failure() {
        return failure;
    }

    /** The ids each annotator holds now (for tests and the page). */
    synchronized Map<String, List<Long>> holdings() {
        Map<String, List<Long>> out = new HashMap<>();
        leases.forEach((id, l) -> out.computeIfAbsent(l.annotator(), a -> new ArrayList<>()).add(id));
        return out;
    }

    private void expire() {
        long now = clock.getAsLong();
        leases.values().removeIf(l -> now - l.since() > leaseNanos);
    }

    /** Stops the background training thread, if any (a training in progress is abandoned). */
    public synchronized void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
    }
}
