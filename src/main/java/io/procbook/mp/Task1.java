package io.procbook.mp;

import java.io.Serializable;

/**
 * A task taking one argument, with no result, that can be sent to a child process together with its
 * arguments (Python's {@code Process(target=f, args=(...))}). Serializable, so a plain lambda needs no cast;
 * may throw any exception. The arguments must be {@link Serializable} to reach the child.
 *
 * <p>Processes and threads: each process that runs it runs its own deserialized copy, so what it captures is
 * copied, not shared (the library's shared objects, such as a {@link Queue} or a manager proxy, travel by name
 * and are shared). Within a process a copy may be called by several threads (a {@link ThreadPool}, or the
 * threads of a pool worker), so it should not keep unsynchronized mutable state.
 *
 * @param <A> the type of argument A
 */
@FunctionalInterface
public interface Task1<A> extends Serializable {

    /**
     * Runs the task.
     *
     * @param a the first argument
     * @throws Exception anything; in a child process it becomes the child's {@link Process#exception()}
     */
    void run(A a) throws Exception;
}
