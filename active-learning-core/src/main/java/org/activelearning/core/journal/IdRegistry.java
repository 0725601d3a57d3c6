package org.activelearning.core.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stable ids for string keys (for example image paths relative to a folder), kept in a file so
 * that an item keeps its id across runs: keys seen before get their recorded id, new keys get ids
 * after the largest one, and keys that disappeared are reported but keep their ids (and so their
 * labels in a journal). The file holds one {@code id<TAB>key} line per key, appended and forced to
 * disk before the ids are used; a torn last line (a crash mid-append) is dropped on the next open.
 */
public final class IdRegistry {

    private final Path file;
    private final Map<String, Long> ids = new LinkedHashMap<>();
    private long next;

    private IdRegistry(Path file) {
        this.file = file;
    }

    /**
     * Reads a registry file, or starts an empty one if it does not exist.
     *
     * @param file the registry file
     * @return the registry
     * @throws IOException if the file cannot be read, or a line (other than a torn last one) is not
     *     {@code id<TAB>key}, naming the line
     */
    public static IdRegistry open(Path file) throws IOException {
        IdRegistry r = new IdRegistry(file);
        if (!Files.exists(file)) {
            return r;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        boolean torn = !text.isEmpty() && !text.endsWith("\n");
        String[] lines = text.split("\n", -1);
        int complete = torn ? lines.length - 1 : lines.length;
        for (int i = 0; i < complete; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            long id;
            try {
                id = Long.parseLong(tab < 0 ? "x" : line.substring(0, tab));
            } catch (NumberFormatException e) {
                throw new IOException(file + " line " + (i + 1) + " is not 'id<TAB>key': " + line, e);
            }
            String key = line.substring(tab + 1);
            Long before = r.ids.putIfAbsent(key, id);
            if (before != null && before != id) {
                throw new IOException(file + " line " + (i + 1) + " gives '" + key + "' the id " + id + " but an "
                        + "earlier line gave it " + before);
            }
            r.next = Math.max(r.next, id + 1);
        }
        if (torn) {
            // keep what is complete: the next append must start on a line of its own
            int keep = text.lastIndexOf('\n') + 1;
            Files.writeString(file, text.substring(0, keep), StandardCharsets.UTF_8);
        }
        return r;
    }

    /** The ids of a list of keys and the recorded keys that are not among them. */
    public record Assignment(long[] ids, List<String> added, List<String> missing) {}

    /**
     * Ids for the keys, in their order: recorded ids for known keys, new ids (appended to the file and
     * forced to disk before returning) for the others.
     *
     * @param keys distinct keys without line breaks
     * @return the ids, the keys that got new ids, and recorded keys absent from {@code keys}
     * @throws IOException if the new ids cannot be recorded
     */
    public Assignment assign(List<String> keys) throws IOException {
        long[] out = new long[keys.size()];
        List<String> added = new ArrayList<>();
        StringBuilder append = new StringBuilder();
        Set<String> present = new HashSet<>();
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("Key " + key.replace("\n", "\\n") + " contains a line break");
            }
            if (!present.add(key)) {
                throw new IllegalArgumentException("Key '" + key + "' is listed twice");
            }
            Long id = ids.get(key);
            if (id == null) {
                id = next++;
                ids.put(key, id);
                added.add(key);
                append.append(id).append('\t').append(key).append('\n');
            }
            out[i] = id;
        }
        if (append.length() > 0) {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(append.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String key : ids.keySet()) {
            if (!present.contains(key)) {
                missing.add(key);
            }
        }
        return new Assignment(out, added, missing);
    }

    /**
     * The recorded keys and their ids, in the order they were first recorded.
     *
     * @return a copy
     */
    public Map<String, Long> ids() {
        return new LinkedHashMap<>(ids);
    }


    /**
     * The number of recorded keys.
     *
     * @return the count
     */
    public int size() {
        return ids.size();
    }

}
