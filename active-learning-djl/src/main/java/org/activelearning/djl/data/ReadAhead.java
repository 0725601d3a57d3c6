package org.activelearning.djl.data;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * Decodes images ahead of sequential access on one background thread, holding at most a window of
 * them: a request for index i returns it (waiting if its decoding has started, decoding it at once
 * if not) and schedules i + 1 .. i + window, dropping everything before i. Random access works too;
 * it only gains nothing.
 */
final class ReadAhead implements AutoCloseable {

    private final IntFunction<PlanarImage> decode;
    private final int size;
    private final int window;
    private final Map<Integer, CompletableFuture<PlanarImage>> ahead = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "image-read-ahead");
        t.setDaemon(true);
        return t;
    });
    private int scheduledTo = -1;

    ReadAhead(IntFunction<PlanarImage> decode, int size, int window) {
        this.decode = decode;
        this.size = size;
        this.window = window;
    }

    synchronized PlanarImage get(int index) {
        CompletableFuture<PlanarImage> f = ahead.remove(index);
        ahead.keySet().removeIf(k -> k < index || k > index + window);
        if (scheduledTo < index || scheduledTo > index + window) {
            scheduledTo = index;
        }
        for (int next = scheduledTo + 1; next <= Math.min(size - 1, index + window); next++) {
            int i = next;
            ahead.computeIfAbsent(i, k -> CompletableFuture.supplyAsync(() -> decode.apply(k), worker));
            scheduledTo = next;
        }
        return f != null ? f.join() : decode.apply(index);
    }

    /** Images decoded or being decoded ahead (for tests and memory accounting). */
    int held() {
        return ahead.size();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        ahead.clear();
    }
}
