package io.procbook.mp.spi;

/**
 * Decides where a child's standard output and error go. Consulted on the thread that starts the child, before
 * the child runs user code, and again, inside {@link WorkContext#runIn}, for each further context the child
 * works for (a pool worker's task prints where the task was submitted). Each call gets a sink of its own,
 * which one runtime thread writes at a time. Children may be started from any thread, so implementations
 * must be safe for use by many threads at once, and quick (the start waits for them).
 */
public interface OutputRouter {

    /**
     * Returns the sink for this child's output.
     *
     * @param child the child being started
     * @return the sink; {@code null} to copy the child's output to this process's {@code System.out}/{@code err}
     */
    OutputSink sinkFor(ChildProcess child);
}
