package io.procbook.mp.spi;

/**
 * Told when the runtime starts a child and when a child exits. {@link #started} runs on the thread that
 * started the child (so a host can attribute the child to whatever that thread belongs to, e.g. a notebook
 * cell); {@link #exited} runs on a runtime thread. Implementations must be quick, must be safe for use by many
 * threads at once, and must not throw (a {@code RuntimeException} from any method is logged at {@code WARNING}
 * through {@code System.Logger} and goes no further: the child carries on, and the other listeners are still
 * told).
 */
public interface ProcessListener {

    /**
     * Called once the child's operating-system process exists, before its user code is known to run.
     *
     * @param child the child
     */
    default void started(ChildProcess child) { }

    /**
     * Called the first time a long-lived child (a pool worker) is given work submitted in a context other than
     * the one it was started in, inside {@link WorkContext#runIn} of that context: a host can show the child
     * among that context's work. Not called for the context that started the child ({@link #started} was).
     *
     * @param child the child
     */
    default void working(ChildProcess child) { }

    /**
     * Called once after the child's process has exited and been reaped.
     *
     * @param child    the child
     * @param exitCode its exit code (negative: the number of the signal that killed it)
     */
    default void exited(ChildProcess child, int exitCode) { }
}
