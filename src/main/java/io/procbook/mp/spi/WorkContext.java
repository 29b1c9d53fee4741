package io.procbook.mp.spi;

/**
 * Carries the host's notion of "who asked" from the thread that submits work to wherever that work's effects
 * land. Under the kernel the context is the notebook cell the submitting thread belongs to: the output of a
 * pool task goes to the cell that submitted it (not to the cell that made the pool), and a callback prints into
 * the cell that registered it.
 *
 * <p>The runtime captures {@link #current()} when work is submitted (a pool task, a callback) and later calls
 * {@link #runIn} on one of its own threads, around code that should count as that context's: running a
 * callback or a thread-pool task, and consulting the {@link OutputRouter} and {@link ProcessListener#working}
 * for a child process that works for that context. Contexts are opaque to the runtime and compared by
 * identity.
 *
 * <p>Implementations must be safe for use by many threads at once and quick: {@link #current()} runs on
 * every submission.
 */
public interface WorkContext {

    /**
     * Returns the calling thread's context. Never blocks.
     *
     * @return the context work submitted now belongs to, or {@code null} if the thread belongs to none
     */
    Object current();

    /**
     * Runs {@code action} on the calling thread as if that thread belonged to {@code context}, then restores
     * the thread's own context (also if {@code action} throws). Anything {@code action} throws is rethrown.
     *
     * @param context a context from {@link #current()}, or {@code null} for none
     * @param action  what to run
     */
    void runIn(Object context, Runnable action);
}
