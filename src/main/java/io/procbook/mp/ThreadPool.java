package io.procbook.mp;

import io.procbook.mp.internal.pool.ResultHandler;
import io.procbook.mp.internal.pool.ThreadBackend;

/**
 * A {@link Pool} whose workers are threads of this JVM instead of processes (Python's
 * {@code multiprocessing.pool.ThreadPool}): the same API, so a program can compare threads and processes by
 * changing one word. Functions and items are used as they are, nothing is serialized; tasks share this JVM's
 * memory. The threads are created by the constructor (so, under the kernel, they belong to the creating cell).
 *
 * <p>Where it differs from a process pool: nothing has to be Serializable, so no method throws
 * {@code IllegalArgumentException} for that; {@link #terminate()} interrupts the running tasks rather than
 * killing them (a running task that ignores the interrupt runs on, and its result still arrives), while queued
 * ones fail with a {@link java.util.concurrent.CancellationException}. An initializer that throws breaks the
 * pool as it does a process {@link Pool} (Python's {@code ThreadPool} would re-create the thread and run the
 * failing initializer again, forever): queued tasks fail with a {@link TaskFailedException} whose cause is a
 * {@link BrokenProcessPoolException}, running ones are interrupted, later submissions throw that
 * {@code BrokenProcessPoolException}, and {@link #join()} returns once the running tasks are done.
 *
 * <p>{@code maxTasksPerChild} has no meaning for threads and is not offered. Thread-safe. The threads are
 * daemon threads of this JVM and end with it.
 */
public class ThreadPool extends Pool {

    /** Starts a pool with {@link Process#cpuCount()} threads. Does not block. */
    public ThreadPool() {
        this(Process.cpuCount());
    }

    /**
     * Starts a pool of {@code threads} threads. Does not block.
     *
     * @param threads how many worker threads
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public ThreadPool(int threads) {
        this(threads, null);
    }

    /**
     * Starts a pool of {@code threads} threads, each running {@code initializer} first (on that thread, not in
     * the constructor). Does not block.
     *
     * @param threads     how many worker threads
     * @param initializer run once on each thread before its first task, or {@code null}; if it throws, the
     *                    pool breaks (see the class comment)
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public ThreadPool(int threads, Task initializer) {
        // checked before the handler exists: its thread starts in its constructor and would be left behind
        this(checked(threads), initializer, new ResultHandler("ThreadPool-result-handler"));
    }

    private ThreadPool(int threads, Task initializer, ResultHandler handler) {
        super(threads, new ThreadBackend(threads, initializer, handler), handler);
    }

    private static int checked(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        return threads;
    }
}
