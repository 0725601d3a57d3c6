package org.activelearning.core.journal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a journal says after replaying it: the labeled set, the skipped ids, the last round, and
 * the queried ids of the last batch that still await an answer.
 *
 * @param <Y> the label type
 */
public final class JournalState<Y> {

    private final Map<Long, Y> labels = new LinkedHashMap<>();
    private final Map<Long, String> skipped = new LinkedHashMap<>();
    private final List<JournalEntry<Y>> entries = new ArrayList<>();
    private final Map<Long, Integer> lines = new java.util.HashMap<>();
    private int nextLine = 1;
    private long[] lastBatch = new long[0];
    private int lastRound = -1;
    private String tornLine;

    JournalState() {}

    void apply(JournalEntry<Y> e) {
        apply(e, nextLine);
    }

    void apply(JournalEntry<Y> e, int line) {
        entries.add(e);
        nextLine = line + 1;
        if (e.type() != JournalEntry.Type.QUERY) {
            lines.put(e.id(), line);
        }
        switch (e.type()) {
            case QUERY -> {
                lastBatch = e.ids();
                lastRound = e.round();
            }
            case LABEL -> {
                skipped.remove(e.id());
                labels.put(e.id(), e.label());
            }
            case SKIP -> {
                labels.remove(e.id());
                skipped.put(e.id(), e.skipReason());
            }
            case UNDO -> {
                labels.remove(e.id());
                skipped.remove(e.id());
            }
        }
    }

    /**
     * The journal line of the last entry about an id (its label, skip or undo), for error messages
     * about an entry that parsed but does not fit the data, such as an id that is not in the pool.
     *
     * @param id the id
     * @return the 1-based line number, or -1 if no entry names the id
     */
    public int lineOf(long id) {
        return lines.getOrDefault(id, -1);
    }

    void tornLine(String description) {
        this.tornLine = description;
    }

    /**
     * The labels, in the order they were given.
     *
     * @return an unmodifiable view
     */
    public Map<Long, Y> labels() {
        return Collections.unmodifiableMap(labels);
    }

    /**
     * The skipped ids and their reasons.
     *
     * @return an unmodifiable view
     */
    public Map<Long, String> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    /**
     * Every entry replayed, in file order.
     *
     * @return an unmodifiable view
     */
    public List<JournalEntry<Y>> entries() {
        return Collections.unmodifiableList(entries);
    }

    /**
     * The round of the last query batch, or -1 if nothing was queried.
     *
     * @return the round
     */
    public int lastRound() {
        return lastRound;
    }

    /**
     * The ids of the last query batch that have neither a label nor a skip: the work a crash or a
     * quit left undone.
     *
     * @return the pending ids, in the order they were queried
     */
    public long[] pendingIds() {
        Set<Long> pending = new LinkedHashSet<>();
        for (long id : lastBatch) {
            if (!labels.containsKey(id) && !skipped.containsKey(id)) {
                pending.add(id);
            }
        }
        return pending.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * A description of the torn last line that was ignored, if there was one.
     *
     * @return the description
     */
    public Optional<String> tornLine() {
        return Optional.ofNullable(tornLine);
    }

    /**
     * Whether the journal holds no entries.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return entries.isEmpty();
    }
}
