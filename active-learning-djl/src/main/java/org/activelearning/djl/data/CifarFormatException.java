package org.activelearning.djl.data;

import java.io.IOException;

/** A data directory is not valid CIFAR-10 binary data: a missing, truncated or inconsistent file. */
public final class CifarFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message a sentence naming the file, the problem and the fix
     */
    public CifarFormatException(String message) {
        super(message);
    }
}
