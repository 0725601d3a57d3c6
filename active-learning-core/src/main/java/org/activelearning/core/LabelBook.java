package org.activelearning.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activelearning.core.journal.JournalEntry;
import org.activelearning.core.journal.JournalState;
import org.activelearning.core.journal.LabelJournal;

/**
 * The labels, skips and pool marks of a labeling effort, and the one place that writes them: every
 * answer goes to the journal (forced to disk) before it is applied. Both the push loop ({@link
 * ActiveLearningLoop}) and the pull API ({@link LabelingSession}) keep their state here, so
 * replay, validation and crash safety have one implementation.
 *
 * @param <X> the input type
 * @param <Y> the label type
 */
final class LabelBook<X, Y> {

    /**
     * What a replay found: the unanswered queries of the last batch, its round (-1 if none) and the
     * labels that stand from before that batch (what the model that chose it was trained on).
     */
    record Resume(long[] pending, int lastRound, int labeledBeforeLastRound, long[] lastBatch) {}

    private final Pool<X> pool;
    private final LabelJournal<Y> journal;
    private final Set<Y> classes;
    private final List<Y> classList;
    private final Map<Long, Y> labels = new LinkedHashMap<>();
    private final Map<Long, String> skipped = new HashMap<>();
    /** Ids that left the pool for good: their journal entries are kept but not replayed. */
    private final Set<Long> retired;
    private int labelsThisRun;

    LabelBook(Pool<X> pool, LabelJournal<Y> journal, List<Y> classes) {
        this(pool, journal, classes, Set.of());
    }

    LabelBook(Pool<X> pool, LabelJournal<Y> journal, List<Y> classes, Set<Long> retired) {
        this.retired = retired;
        this.pool = pool;
        this.journal = journal;
        this.classList = List.copyOf(classes);
        this.classes = Set.copyOf(classes);
    }

    /** Replays the journal, then applies labels the user already has; returns what to ask first. */
    Resume restore(Map<Long, Y> preLabeled) {
        long[] pending = new long[0];
        int lastRound = -1;
        int labeledBefore = 0;
        long[] lastBatch = new long[0];
        if (journal != null) {
            JournalState<Y> st = journal.initialState();
            for (Map.Entry<Long, Y> e : st.labels().entrySet()) {
                long id = e.getKey();
                if (retired.contains(id)) {
                    continue;
                }
                if (!pool.contains(id)) {
                    throw new IllegalStateException("Label journal " + journal.file() + " line " + st.lineOf(id)
                            + " labels id " + id + ", which is not in the pool " + pool
                            + "; the journal belongs to other data: use another session directory");
                }
                if (!classes.contains(e.getValue())) {
                    throw new IllegalStateException("Label journal " + journal.file() + " line " + st.lineOf(id)
                            + " labels id " + id + " '" + e.getValue() + "', which is not one of the learner's classes "
                            + classList + "; the journal belongs to another class list");
                }
                pool.markLabeled(id);
                labels.put(id, e.getValue());
            }
            for (Map.Entry<Long, String> e : st.skipped().entrySet()) {
                if (pool.contains(e.getKey())) {
                    skipped.put(e.getKey(), e.getValue());
                }
            }
            pending = Arrays.stream(st.pendingIds()).filter(id -> pool.contains(id) && !preLabeled.containsKey(id))
                    .toArray();
            lastRound = st.lastRound();
            Map<Long, Integer> roundOf = new HashMap<>();
            for (JournalEntry<Y> e : st.entries()) {
                if (e.type() != JournalEntry.Type.QUERY) {
                    roundOf.put(e.id(), e.round());
                } else {
                    lastBatch = e.ids();
                }
            }
            for (long id : labels.keySet()) {
                if (roundOf.getOrDefault(id, lastRound) < lastRound) {
                    labeledBefore++;
                }
            }
        }
        for (Map.Entry<Long, Y> e : preLabeled.entrySet()) {
            Y known = labels.get(e.getKey());
            if (known != null && !known.equals(e.getValue())) {
                throw new IllegalStateException("Id " + e.getKey() + " is labeled '" + e.getValue() + "' in optLabeled but '"
                        + known + "' in the journal " + journal.file() + " line " + journal.initialState().lineOf(e.getKey())
                        + "; correct one of them");
            }
            skipped.remove(e.getKey());
            if (known == null) {
                pool.markLabeled(e.getKey());
                labels.put(e.getKey(), e.getValue());
                labeledBefore++;
            }
        }
        return new Resume(pending, lastRound, labeledBefore, lastBatch);
    }

    /** Journals a query batch before its first query is shown. */
    void recordQuery(int round, long[] ids) {
        if (journal != null) {
            journal.recordQuery(round, ids);
        }
    }

    /** Journals (on disk before returning) and applies one complete answer. */
    void apply(int round, Answer<Y> a) {
        if (!a.isSkip()) {
            requireClass(a.id(), a.label());
        }
        if (journal != null) {
            journal.recordAnswer(round, a);
        }
        if (a.isSkip()) {
            skipped.put(a.id(), a.skipReason());
        } else {
            skipped.remove(a.id());
            pool.markLabeled(a.id());
            labels.put(a.id(), a.label());
            labelsThisRun++;
        }
    }

    /** Journals and undoes an earlier answer. */
    void retract(int round, Answer<Y> previous) {
        long id = previous.id();
        if (journal != null) {
            journal.recordUndo(round, id);
        }
        if (previous.isSkip()) {
            skipped.remove(id);
        } else {
            pool.markUnlabeled(id);
            labels.remove(id);
            labelsThisRun--;
        }
    }

    void requireClass(long id, Y label) {
        if (!classes.contains(label)) {
            throw new IllegalArgumentException("Label '" + label + "' for id " + id + " is not one of the learner's "
                    + "classes " + classList + "; answer with one of them or skip");
        }
    }

    /** The labeled examples to train on, in answer order. */
    List<LabeledExample<X, Y>> examples() {
        long[] ids = labels.keySet().stream().mapToLong(Long::longValue).toArray();
        List<X> inputs = pool.inputs(ids);
        List<LabeledExample<X, Y>> out = new ArrayList<>(labels.size());
        int i = 0;
        for (Y label : labels.values()) {
            out.add(new LabeledExample<>(ids[i], inputs.get(i), label));
            i++;
        }
        return out;
    }

    Map<Long, Y> labelsView() {
        return Collections.unmodifiableMap(labels);
    }

    Map<Long, Y> labelsCopy() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    boolean isSkipped(long id) {
        return skipped.containsKey(id);
    }

    int labeledCount() {
        return labels.size();
    }

    int skippedCount() {
        return skipped.size();
    }

    int labelsThisRun() {
        return labelsThisRun;
    }

    LabelJournal<Y> journal() {
        return journal;
    }
}
