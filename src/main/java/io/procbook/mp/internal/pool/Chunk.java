package io.procbook.mp.internal.pool;

import java.util.List;

/**
 * Consecutive items of one job that a worker runs as one unit (Python's chunk). {@code start} is the index of
 * the first item in the job, so that the sink can put results where they belong.
 */
public final class Chunk {

    final ChunkSink sink;
    final int start;
    final List<Object> items;
    /** the items encoded for a worker JVM (process pools only) */
    byte[] payload;
    long seq;
    int functionId;
    /** the host's context of the thread that submitted it (see {@code WorkContext}), or {@code null} */
    Object owner;

    /**
     * @param sink  who gets the outcome
     * @param start index of the first item in its job
     * @param items the items
     */
    public Chunk(ChunkSink sink, int start, List<Object> items) {
        this.sink = sink;
        this.start = start;
        this.items = items;
    }

    /** @return the index of the first item in its job */
    public int start() {
        return start;
    }

    /** @return how many items it holds */
    public int size() {
        return items.size();
    }
}
