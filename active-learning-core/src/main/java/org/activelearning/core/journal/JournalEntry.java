package org.activelearning.core.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the label journal.
 *
 * @param type what happened
 * @param round the round it happened in (0 for the initial labeled set)
 * @param time when it was recorded
 * @param id the instance id (for {@link Type#QUERY}, -1)
 * @param label the label (for {@link Type#LABEL}), otherwise null
 * @param skipReason the reason (for {@link Type#SKIP}), otherwise null
 * @param seconds how long the answer took (answers only), otherwise NaN
 * @param annotator who answered (answers only), otherwise null
 * @param ids the queried ids (for {@link Type#QUERY}), otherwise empty
 * @param <Y> the label type
 */
public record JournalEntry<Y>(
        Type type, int round, Instant time, long id, Y label, String skipReason, double seconds, String annotator,
        long[] ids) {

    /** What a journal line records. */
    public enum Type {
        /** A batch of ids was selected and is about to be shown. */
        QUERY,
        /** An id was labeled. */
        LABEL,
        /** An id was skipped. */
        SKIP,
        /** The answer to an id was taken back. */
        UNDO
    }

    /**
     * Validates and copies.
     *
     * @param type what happened
     * @param round the round it happened in (0 for the initial labeled set)
     * @param time when it was recorded
     * @param id the instance id (for {@link Type#QUERY}, -1)
     * @param label the label (for {@link Type#LABEL}), otherwise null
     * @param skipReason the reason (for {@link Type#SKIP}), otherwise null
     * @param seconds how long the answer took (answers only), otherwise NaN
     * @param annotator who answered (answers only), otherwise null
     * @param ids the queried ids (for {@link Type#QUERY}), otherwise empty
     */
    public JournalEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        ids = ids == null ? new long[0] : ids.clone();
    }

    /**
     * The queried ids (a copy).
     *
     * @return the ids, empty for entries other than {@link Type#QUERY}
     */
    @Override
    public long[] ids() {
        return ids.clone();
    }
}
