package org.activelearning.core.crash;

import java.nio.file.Path;
import org.activelearning.core.Answer;
import org.activelearning.core.journal.LabelCodec;
import org.activelearning.core.journal.LabelJournal;

/**
 * Run in a child JVM by the journal lock test: opens a journal (which replays it, as a resume
 * does), appends one answer, prints "OPEN" and holds the journal until its standard input closes.
 */
public final class JournalHolder {

    private JournalHolder() {}

    public static void main(String[] args) throws Exception {
        try (LabelJournal<Integer> journal = LabelJournal.open(Path.of(args[0]), LabelCodec.integers())) {
            journal.recordAnswer(1, Answer.of(100, 1).withSeconds(1).withAnnotator("child"));
            System.out.println("OPEN");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the journal open
            }
        }
    }
}
