package org.activelearning.examples;

import java.util.HashMap;
import java.util.Map;
import org.activelearning.core.journal.JournalEntry;
import org.activelearning.core.journal.JournalState;

/**
 * Per-round counts of what a resumed journal already holds (queries asked, labels and skips that
 * still stand), so that a round finished by a later process reports every answer of the round,
 * not only its own.
 */
final class JournalCounts {

    private final Map<Integer, Integer> queried = new HashMap<>();
    private final Map<Integer, Integer> labeled = new HashMap<>();
    private final Map<Integer, Integer> skipped = new HashMap<>();

    JournalCounts(JournalState<?> state) {
        Map<Long, JournalEntry<?>> latest = new HashMap<>();
        for (JournalEntry<?> e : state.entries()) {
            if (e.type() == JournalEntry.Type.QUERY) {
                queried.putIfAbsent(e.round(), e.ids().length);
            } else {
                latest.put(e.id(), e);
            }
        }
        for (JournalEntry<?> e : latest.values()) {
            if (e.type() == JournalEntry.Type.LABEL) {
                labeled.merge(e.round(), 1, Integer::sum);
            } else if (e.type() == JournalEntry.Type.SKIP) {
                skipped.merge(e.round(), 1, Integer::sum);
            }
        }
    }

    int queried(int round) {
        return queried.getOrDefault(round, 0);
    }

    int labeled(int round) {
        return labeled.getOrDefault(round, 0);
    }

    int skipped(int round) {
        return skipped.getOrDefault(round, 0);
    }
}
