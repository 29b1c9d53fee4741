package io.procbook.mp.spi;

/**
 * Opens the displays of progress bars ({@code io.procbook.mp.Progress}). The Jupyter kernel installs one
 * with {@link Hooks#setProgressHost} so that a bar becomes an updatable display in the output of the cell
 * that started it; without a host, or where the host declines, a bar is a line of text on this process's
 * standard error (redrawn in place on a terminal, as occasional whole lines otherwise).
 *
 * <p>Implementations must be safe for use by many threads at once and quick: a bar is opened on the thread
 * that starts it (the thread calling {@code Pool.map}, or iterating a tracked loop), before its work is
 * submitted.
 */
public interface ProgressHost {

    /**
     * Opens a display for a new bar, belonging to whatever the calling thread belongs to (for the kernel, the
     * thread's notebook cell). Nothing is shown before the view's first {@link ProgressView#show}.
     *
     * @return the bar's view, or {@code null} to let the runtime write it on standard error
     */
    ProgressView open();
}
