package io.procbook.mp.internal.pool;

import java.util.List;

/**
 * Who receives the outcome of a pool's chunks (a map's result list, an imap's item buffer). Called at most
 * once per chunk, from whichever runtime thread learned the outcome; implementations are thread-safe.
 */
public interface ChunkSink {

    /** The chunk ran; {@code results} holds one result per item, in item order. */
    void done(Chunk chunk, List<Object> results);

    /** The chunk failed as a whole: a task threw, a result could not be sent back, or its worker died. */
    void failed(Chunk chunk, Throwable cause);
}
