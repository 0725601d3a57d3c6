package org.activelearning.examples;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;

/**
 * Turns failures into one line a person can act on: what failed (the outermost message), the
 * operating system's reason (from the innermost I/O exception, which Java often reports as a bare
 * path) and, where the reason suggests one, what to do.
 */
final class Errors {

    private Errors() {}

    /**
     * The operating system's reason for an I/O failure, in words: "No space left on device",
     * "permission denied", "no such file or directory", ...
     *
     * @param e the failure
     * @return the reason, never null
     */
    static String reason(Throwable e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * The message of a failure followed by the reasons of its causes that it does not already
     * contain, and a hint when a cause is a full disk, a permission or a read-only file system.
     *
     * @param e the failure
     * @return one line
     */
    static String describe(Throwable e) {
        String top = e.getMessage() == null || e.getMessage().isBlank() ? reason(e) : e.getMessage();
        if (e instanceof IOException && !(top.contains(reason(e)))) {
            top = top + ": " + reason(e);
        }
        StringBuilder sb = new StringBuilder(top);
        String hint = hint(e);
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String r = c instanceof IOException ? reason(c) : c.getMessage();
            if (r != null && !r.isBlank() && !sb.toString().contains(r)) {
                sb.append(": ").append(r);
            }
            if (hint == null) {
                hint = hint(c);
            }
        }
        if (hint != null && !sb.toString().contains(hint)) {
            sb.append(". ").append(hint);
        }
        return sb.toString();
    }

    private static String hint(Throwable e) {
        String r = reason(e).toLowerCase(Locale.ROOT);
        if (r.contains("no space left")) {
            return "Free some space on that disk, or use a directory on another one; every answer given so far is "
                    + "saved";
        }
        if (r.contains("permission denied") || r.contains("operation not permitted")) {
            return "Check the permissions of that path, or use another directory";
        }
        if (r.contains("read-only file system")) {
            return "That file system is read-only; use a directory on a writable one";
        }
        return null;
    }
}
