package io.procbook.mp;

import java.io.Serializable;

/**
 * A task with no arguments and no result that can be sent to a child process: the target of
 * {@link Process#Process(Task)}. It is {@link Serializable}, so a lambda or method reference typed where a
 * {@code Task} is expected can be copied to a child JVM with no cast; it may throw any exception (as
 * {@link java.util.concurrent.Callable} may), so its body can sleep or do I/O without a try block.
 *
 * <p>Processes and threads: each process that runs it runs its own deserialized copy, so what it captures is
 * copied, not shared (the library's shared objects, such as a {@link Queue} or a manager proxy, travel by name
 * and are shared). Within a process a copy may be called by several threads (a {@link ThreadPool}, or the
 * threads of a pool worker), so it should not keep unsynchronized mutable state.
 */
@FunctionalInterface
public interface Task extends Serializable {

    /**
     * Runs the task.
     *
     * @throws Exception anything; in a child process it becomes the child's {@link Process#exception()}
     */
    void run() throws Exception;
}
