package org.activelearning.core.journal;

import java.io.IOException;
import java.nio.file.Path;

/** A label journal is open in another process (or elsewhere in this one), which holds its lock. */
public final class JournalLockedException extends IOException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the journal
     * @param holder who holds the lock, for example {@code process 1234 (java -jar ...)}, or empty if unknown
     */
    public JournalLockedException(Path file, String holder) {
        super("Label journal " + file + " is in use by " + (holder.isEmpty() ? "another process" : holder)
                + "; two writers would corrupt it. Stop that process, or use another session directory");
        this.file = file;
    }

    /**
     * The journal file.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }
}
