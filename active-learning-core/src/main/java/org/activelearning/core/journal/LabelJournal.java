package org.activelearning.core.journal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.activelearning.core.Answer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only JSON Lines file of everything the oracle said, written so that no answer is lost.
 *
 * <p>Every record is written with one write call and forced to the storage device ({@code fsync})
 * before the method returns; the loop returns from {@link org.activelearning.core.AnswerSink#accept}
 * only after that, so an oracle shows its next query only once the previous answer is on disk.
 *
 * <p>Each line is one of:
 *
 * <pre>
 * {"type":"query","round":3,"time":"...","ids":[17,4,99]}
 * {"type":"label","round":3,"time":"...","id":17,"label":"cat","seconds":2.4,"annotator":"ana"}
 * {"type":"skip","round":3,"time":"...","id":4,"reason":"blurry","seconds":1.1,"annotator":"ana"}
 * {"type":"undo","round":3,"time":"...","id":4}
 * </pre>
 *
 * <p>Opening an existing journal replays it into a {@link JournalState}. A torn last line (one
 * without its terminating newline: a crash during a write) is logged, ignored and cut off so later
 * appends start on a clean line; any other unreadable line, including a complete last line, is a
 * {@link JournalCorruptedException} naming its line number, and nothing is truncated. The file is
 * locked while open (an operating-system lock, held across processes), so a second process that
 * opens the same journal gets a {@link JournalLockedException} naming the holder where the system
 * tells it.
 *
 * @param <Y> the label type
 */
public final class LabelJournal<Y> implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(LabelJournal.class);

    private final Path file;
    private final LabelCodec<Y> codec;
    private final Clock clock;
    private final FileChannel channel;
    private final FileLock lock;
    private final JournalState<Y> state;

    private LabelJournal(Path file, LabelCodec<Y> codec, Clock clock) throws IOException {
        this.file = file;
        this.codec = codec;
        this.clock = clock;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        boolean existed = Files.exists(file);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock acquired;
        try {
            acquired = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            acquired = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (acquired == null) {
            channel.close();
            throw new JournalLockedException(file, LockHolder.describe(file));
        }
        this.lock = acquired;
        try {
            // read through the locked channel: opening and closing a second descriptor of the file
            // (Files.readAllBytes) would drop this process's POSIX lock while FileLock still says valid
            byte[] bytes = readAll(channel);
            Replay<Y> replay = replay(file, bytes, codec);
            this.state = replay.state;
            if (replay.validLength < bytes.length) {
                channel.truncate(replay.validLength);
                channel.force(true);
            }
            channel.position(replay.validLength);
            if (!existed && parent != null) {
                forceDirectory(parent);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Opens (creating if absent) a journal for appending, replaying what it holds.
     *
     * @param file the journal file; parent directories are created
     * @param codec how labels are stored as text
     * @param <Y> the label type
     * @return the open journal; close it when done
     * @throws JournalCorruptedException if a line other than a torn last line is unreadable
     * @throws IOException if the file cannot be read, written or locked
     */
    public static <Y> LabelJournal<Y> open(Path file, LabelCodec<Y> codec) throws IOException {
        return open(file, codec, Clock.systemUTC());
    }

    /**
     * Opens a journal with an injected clock for timestamps (tests use a fixed clock).
     *
     * @param file the journal file
     * @param codec how labels are stored as text
     * @param clock the clock for the {@code time} field
     * @param <Y> the label type
     * @return the open journal
     * @throws IOException as {@link #open(Path, LabelCodec)}
     */
    public static <Y> LabelJournal<Y> open(Path file, LabelCodec<Y> codec, Clock clock) throws IOException {
        return new LabelJournal<>(Objects.requireNonNull(file, "file"), Objects.requireNonNull(codec, "codec"),
                Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Replays a journal without opening it for writing (for reports and analysis).
     *
     * @param file the journal file
     * @param codec how labels are stored as text
     * @param <Y> the label type
     * @return the replayed state
     * @throws IOException if the file cannot be read or is corrupt
     */
    public static <Y> JournalState<Y> read(Path file, LabelCodec<Y> codec) throws IOException {
        return replay(file, Files.readAllBytes(file), codec).state;
    }

    /**
     * The state replayed when the journal was opened. It does not change as records are appended.
     *
     * @return the state at open time
     */
    public JournalState<Y> initialState() {
        return state;
    }

    /**
     * The journal's path.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Records a query batch, before its first query is shown.
     *
     * @param round the round
     * @param ids the queried ids in the order they are shown
     * @throws UncheckedIOException if the write fails
     */
    public void recordQuery(int round, long[] ids) {
        Map<String, Object> m = header("query", round);
        m.put("ids", ids.clone());
        append(m);
    }

    /**
     * Records an answer and forces it to disk.
     *
     * @param round the round
     * @param answer the answer, with annotator and seconds filled in
     * @throws UncheckedIOException if the write fails
     */
    public void recordAnswer(int round, Answer<Y> answer) {
        Map<String, Object> m = header(answer.isSkip() ? "skip" : "label", round);
        m.put("id", answer.id());
        if (answer.isSkip()) {
            m.put("reason", answer.skipReason());
        } else {
            m.put("label", codec.encode(answer.label()));
        }
        m.put("seconds", answer.seconds());
        m.put("annotator", answer.annotator());
        append(m);
    }

    /**
     * Records that the answer to an id was taken back.
     *
     * @param round the round
     * @param id the id
     * @throws UncheckedIOException if the write fails
     */
    public void recordUndo(int round, long id) {
        Map<String, Object> m = header("undo", round);
        m.put("id", id);
        append(m);
    }

    private Map<String, Object> header(String type, int round) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("round", round);
        m.put("time", clock.instant().toString());
        return m;
    }

    private synchronized void append(Map<String, Object> fields) {
        byte[] line = (Json.write(fields) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write to label journal " + file
                    + "; the answer was not saved (disk full or removed?)", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("Label journal of " + size + " bytes is too large to replay");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining()) {
            if (channel.read(buf, buf.position()) < 0) {
                break;
            }
        }
        return buf.array();
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Could not fsync directory {} (not supported here): {}", dir, e.toString());
        }
    }

    private record Replay<Y>(JournalState<Y> state, long validLength) {}

    private static <Y> Replay<Y> replay(Path file, byte[] bytes, LabelCodec<Y> codec) throws IOException {
        JournalState<Y> state = new JournalState<>();
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            boolean terminated = end < bytes.length;
            int next = terminated ? end + 1 : end;
            boolean last = next >= bytes.length;
            String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (text.isBlank() && terminated) {
                start = next;
                continue;
            }
            try {
                if (!terminated) {
                    throw new IllegalArgumentException("the line has no terminating newline");
                }
                state.apply(parseLine(text, codec), lineNo);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                // only a last line without its newline is a torn write; a complete line that does not
                // parse was written whole and wrong, so it is corruption and nothing is cut off
                if (last && !terminated) {
                    String what = "line " + lineNo + " (" + (end - start) + " bytes: " + e.getMessage() + ")";
                    LOG.warn("Label journal {} ends with a torn line, probably from a crash during a write; "
                            + "ignoring {} and continuing from the {} entries before it", file, what,
                            state.entries().size());
                    state.tornLine(what);
                    return new Replay<>(state, start);
                }
                throw new JournalCorruptedException(file, lineNo, e.getMessage(), e);
            }
            start = next;
        }
        return new Replay<>(state, bytes.length);
    }

    private static <Y> JournalEntry<Y> parseLine(String text, LabelCodec<Y> codec) {
        Map<String, Object> m = Json.parse(text);
        String typeName = stringField(m, "type");
        JournalEntry.Type type = switch (typeName) {
            case "query" -> JournalEntry.Type.QUERY;
            case "label" -> JournalEntry.Type.LABEL;
            case "skip" -> JournalEntry.Type.SKIP;
            case "undo" -> JournalEntry.Type.UNDO;
            default -> throw new IllegalArgumentException("unknown entry type '" + typeName + "'");
        };
        int round = Math.toIntExact(longField(m, "round"));
        Instant time = Instant.parse(stringField(m, "time"));
        if (type == JournalEntry.Type.QUERY) {
            Object ids = m.get("ids");
            if (!(ids instanceof long[] arr)) {
                throw new IllegalArgumentException("field 'ids' must be an array of integer ids");
            }
            return new JournalEntry<>(type, round, time, -1, null, null, Double.NaN, null, arr);
        }
        long id = longField(m, "id");
        if (type == JournalEntry.Type.UNDO) {
            return new JournalEntry<>(type, round, time, id, null, null, Double.NaN, null, null);
        }
        Object secs = m.get("seconds");
        double seconds = secs instanceof Number n ? n.doubleValue() : Double.NaN;
        Object annotator = m.get("annotator");
        String who = annotator instanceof String s ? s : null;
        if (type == JournalEntry.Type.SKIP) {
            return new JournalEntry<>(type, round, time, id, null, stringField(m, "reason"), seconds, who, null);
        }
        Y label = codec.decode(stringField(m, "label"));
        return new JournalEntry<>(type, round, time, id, label, null, seconds, who, null);
    }

    private static String stringField(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("field '" + name + "' must be a string, got " + v);
        }
        return s;
    }

    private static long longField(Map<String, Object> m, String name) {
        Object v = m.get(name);
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException("field '" + name + "' must be an integer, got " + v);
        }
        return l;
    }
}
