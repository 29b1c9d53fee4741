package io.procbook.mp;

import java.io.Serializable;

/**
 * A task taking one argument, with no result, that can be sent to a child process together with its
 * arguments (Python's {@code Process(target=f, args=(...))}). Serializable, so a plain lambda needs no cast;
 * may throw any exception. The arguments must be {@link Serializable} to reach the child.
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
