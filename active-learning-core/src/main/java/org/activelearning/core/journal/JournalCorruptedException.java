package org.activelearning.core.journal;

import java.io.IOException;
import java.nio.file.Path;

/** A journal line other than a torn last line could not be read. */
public final class JournalCorruptedException extends IOException {

    /** Serialization version. */
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The 1-based line number of the corrupt line. */
    private final int line;

    JournalCorruptedException(Path file, int line, String problem, Throwable cause) {
        super("Label journal " + file + " is corrupt at line " + line + ": " + problem
                + ". Fix or remove that line by hand (every other line is intact), or start a new session directory.",
                cause);
        this.file = file;
        this.line = line;
    }

    /**
     * The journal file.
     *
     * @return the path
     */
    public Path file() {
        return file;
    }

    /**
     * The 1-based number of the corrupt line.
     *
     * @return the line number
     */
    public int line() {
        return line;
    }
}
