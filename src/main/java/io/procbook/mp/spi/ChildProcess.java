package io.procbook.mp.spi;

import java.util.concurrent.CompletableFuture;

/**
 * A view of one operating-system child process started by the runtime (a {@code Process}, a pool worker, a
 * manager server or a {@code Subprocess}), as handed to {@link ProcessListener}s and {@link OutputRouter}s.
 *
 * <p>Implementations are safe for use by many threads at once.
 */
public interface ChildProcess {

    /** What kind of child this is, for display. */
    enum Kind { PROCESS, POOL_WORKER, MANAGER, SUBPROCESS }

    /** @return the child's display name, e.g. {@code Process-1} or {@code ForkPoolWorker-3} */
    String name();

    /** @return the operating-system process id */
    long pid();

    /** @return what kind of child this is */
    Kind kind();

    /** @return {@code true} while the operating-system process has not exited */
    boolean isAlive();

    /** Asks the child to stop (SIGTERM on POSIX). Does not wait. */
    void terminate();

    /** Stops the child at once (SIGKILL on POSIX). Does not wait. */
    void kill();

    /** @return a future completed with the exit code once the process has exited (negative: killed by signal) */
    CompletableFuture<Integer> onExit();
}
