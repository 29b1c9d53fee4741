package io.procbook.mp.spi;

import java.util.concurrent.CompletableFuture;

/**
 * A view of one operating-system child process started by the runtime (a {@code Process}, a pool worker, a
 * manager server or a {@code Subprocess}), as handed to {@link ProcessListener}s and {@link OutputRouter}s.
 *
 * <p>Implementations are safe for use by many threads at once. A view belongs to the process that started the
 * child; it is not meant to be sent to another process.
 */
public interface ChildProcess {

    /** What kind of child this is, for display. */
    enum Kind {
        /** A {@code Process} started by user code. */
        PROCESS,
        /** A worker of a {@code Pool} or {@code ProcessPoolExecutor}. */
        POOL_WORKER,
        /** A manager's server process. */
        MANAGER,
        /** An external command run by {@code Subprocess} or {@code Popen}. */
        SUBPROCESS
    }

    /**
     * Returns the child's display name. Never blocks.
     *
     * @return the child's display name, e.g. {@code Process-1} or {@code Pool-1-Worker-3}
     */
    String name();

    /**
     * Returns the child's pid. Never blocks.
     *
     * @return the operating-system process id
     */
    long pid();

    /**
     * Returns what kind of child this is. Never blocks.
     *
     * @return what kind of child this is
     */
    Kind kind();

    /**
     * Tells whether the child is running. Never blocks.
     *
     * @return {@code true} until the child's exit is known (a child JVM that has reported its end counts as
     *         exited while the operating system may still be tearing it down)
     */
    boolean isAlive();

    /**
     * Tells whether the child is doing work now. Never blocks for long.
     *
     * @return for a pool's worker, whether it holds a task (it lives on between tasks, idle); for any other
     *         child, whether it is alive
     */
    default boolean isWorking() { return isAlive(); }

    /** Asks the child to stop (SIGTERM on POSIX). Does not wait; does nothing if it has exited. */
    void terminate();

    /** Stops the child at once (SIGKILL on POSIX). Does not wait; does nothing if it has exited. */
    void kill();

    /**
     * Returns the child's exit, as a future. Never blocks.
     *
     * @return a future completed with the exit code once the process has exited (negative: killed by signal)
     */
    CompletableFuture<Integer> onExit();
}
