package io.procbook.mp.internal;

import java.io.Serializable;

/**
 * What a child JVM runs once it is assigned: a {@code Process}'s target, or a pool worker's task loop (a child
 * that receives many tasks over {@link ChildContext#receive()} and answers with {@link ChildContext#send}).
 * If {@link #run} returns, the child exits with status 0; if it throws, the child prints the stack trace
 * under a {@code Process <name>:} header (as Python does) on its stderr, reports the exception and exits with status 1.
 */
public interface ChildEntry extends Serializable {

    /**
     * Runs in the child JVM on its main thread.
     *
     * @param context the child's connection to its parent
     */
    void run(ChildContext context) throws Throwable;
}
