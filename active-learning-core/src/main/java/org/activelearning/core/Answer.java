package org.activelearning.core;

import java.util.Objects;

/**
 * The oracle's answer to one {@link Query}: a label, or a skip with a reason.
 *
 * @param id the id of the query answered
 * @param label the label, or {@code null} for a skip
 * @param skipReason why the oracle skipped, or {@code null} for a label
 * @param annotator who answered (a person's name, a service), or {@code null} for the oracle's
 *     default
 * @param seconds how long the answer took, or NaN to let the loop measure it
 * @param <Y> the label type
 */
public record Answer<Y>(long id, Y label, String skipReason, String annotator, double seconds) {

    /**
     * Validates that exactly one of label and skip reason is given.
     *
     * @param id the id of the query answered
     * @param label the label, or {@code null} for a skip
     * @param skipReason why the oracle skipped, or {@code null} for a label
     * @param annotator who answered (a person's name, a service), or {@code null} for the oracle's default
     * @param seconds how long the answer took, or NaN to let the loop measure it
     */
    public Answer {
        if ((label == null) == (skipReason == null)) {
            throw new IllegalArgumentException(
                    "An answer for id " + id + " needs exactly one of a label or a skip reason, got label="
                            + label + " and skipReason=" + skipReason);
        }
        if (!Double.isNaN(seconds) && (seconds < 0 || Double.isInfinite(seconds))) {
            throw new IllegalArgumentException(
                    "Answer seconds must be finite and >= 0 (or NaN to measure), got " + seconds + " for id " + id);
        }
    }

    /**
     * A label for the query with this id.
     *
     * @param id the query id
     * @param label the label
     * @param <Y> the label type
     * @return the answer
     */
    public static <Y> Answer<Y> of(long id, Y label) {
        return new Answer<>(id, Objects.requireNonNull(label, "label"), null, null, Double.NaN);
    }

    /**
     * A skip of the query with this id.
     *
     * @param id the query id
     * @param reason why it was skipped (for example "cannot tell")
     * @param <Y> the label type
     * @return the answer
     */
    public static <Y> Answer<Y> skip(long id, String reason) {
        return new Answer<>(id, null, Objects.requireNonNull(reason, "reason"), null, Double.NaN);
    }

    /**
     * Returns a copy naming the annotator.
     *
     * @param name the annotator's name
     * @return the copy
     */
    public Answer<Y> withAnnotator(String name) {
        return new Answer<>(id, label, skipReason, name, seconds);
    }

    /**
     * Returns a copy with the time the answer took.
     *
     * @param took seconds, finite and non-negative
     * @return the copy
     */
    public Answer<Y> withSeconds(double took) {
        return new Answer<>(id, label, skipReason, annotator, took);
    }

    /**
     * Whether this answer is a skip.
     *
     * @return true for a skip, false for a label
     */
    public boolean isSkip() {
        return label == null;
    }
}
