package io.procbook.mp.internal.pool;

import io.procbook.mp.Fn;

import java.util.List;

/**
 * What runs a pool's chunks: worker JVMs ({@link ProcessBackend}) or threads ({@link ThreadBackend}). The
 * public pools split work into chunks and gather results; a backend only runs chunks and reports each
 * outcome to its chunk's sink. Thread-safe.
 */
public interface Backend {

    /**
     * Queues chunks that apply {@code fn} to their items.
     *
     * @throws IllegalStateException    if the backend no longer accepts work (closed, terminated, broken)
     * @throws IllegalArgumentException if {@code fn} or an item cannot be sent to a worker; nothing is queued
     */
    void submit(Fn<Object, Object> fn, List<Chunk> chunks);

    /** Accepts no more work; workers end once the queued work is done. Returns at once. */
    void close();

    /** Stops the workers now; queued and running chunks fail with a CancellationException. Returns at once. */
    void terminate();

    /** @return whether {@link #close} or {@link #terminate} was called or the backend broke */
    boolean isShutdown();

    /**
     * Blocks until every worker has ended (after close/terminate).
     *
     * @return {@code false} if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(long nanos) throws InterruptedException;

    /** @return whether every worker has ended after a close/terminate */
    boolean isTerminated();
}
