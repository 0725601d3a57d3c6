package org.activelearning.examples;

import java.util.Locale;

/**
 * Estimates the time left in a comparison from the rounds finished so far in this invocation:
 * their mean duration times the rounds still to run (reused runs count as done, at no cost).
 */
final class Eta {

    private final int totalRounds;
    private final long start = System.nanoTime();
    private int doneHere;
    private int skipped;

    Eta(int totalRounds) {
        this.totalRounds = totalRounds;
    }

    void skipped(int rounds) {
        skipped += rounds;
    }

    void roundDone() {
        doneHere++;
    }

    /** Seconds left, or NaN before the first round. */
    double secondsLeft() {
        if (doneHere == 0) {
            return Double.NaN;
        }
        double perRound = (System.nanoTime() - start) / 1e9 / doneHere;
        return Math.max(0, totalRounds - skipped - doneHere) * perRound;
    }

    String describe() {
        double left = secondsLeft();
        int remaining = Math.max(0, totalRounds - skipped - doneHere);
        if (Double.isNaN(left)) {
            return "time left unknown";
        }
        return String.format(Locale.ROOT, "%d round%s left, about %s", remaining, remaining == 1 ? "" : "s",
                format(left));
    }

    static String format(double seconds) {
        long s = Math.round(seconds);
        if (s < 90) {
            return s + " s";
        }
        long min = Math.round(s / 60.0);
        return min < 90 ? min + " min" : String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }
}
