package io.procbook.mp.internal.pool;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Gathers a job's chunks into one list, in item order; the first failure fails the job (as Python's map). */
public final class MapJob implements ChunkSink {

    private final Object[] results;
    private int remaining;
    private final CompletableFuture<List<Object>> future = new CompletableFuture<>();

    /**
     * @param items  how many items the job has
     * @param chunks how many chunks they were cut into
     */
    public MapJob(int items, int chunks) {
        results = new Object[items];
        remaining = chunks;
        if (chunks == 0) future.complete(List.of());
    }

    /** @return completed with the results (a fixed-size list) or the first failure */
    public CompletableFuture<List<Object>> future() {
        return future;
    }

    @Override
    public void done(Chunk chunk, List<Object> values) {
        boolean last;
        synchronized (this) {
            for (int i = 0; i < values.size(); i++) results[chunk.start + i] = values.get(i);
            last = --remaining == 0;
        }
        if (last) future.complete(Arrays.asList(results));
    }

    @Override
    public void failed(Chunk chunk, Throwable cause) {
        future.completeExceptionally(cause);
    }
}
