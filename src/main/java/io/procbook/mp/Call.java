package io.procbook.mp;

import java.io.Serializable;

/**
 * A task with no arguments that returns a value and can be sent to a child process (a {@link Serializable}
 * {@link java.util.concurrent.Callable}): what pools run for {@code apply}/{@code submit}. May throw any
 * exception.
 *
 * <p>Processes and threads: each process that runs it runs its own deserialized copy, so what it captures is
 * copied, not shared (the library's shared objects, such as a {@link Queue} or a manager proxy, travel by name
 * and are shared). Within a process a copy may be called by several threads (a {@link ThreadPool}, or the
 * threads of a pool worker), so it should not keep unsynchronized mutable state.
 *
 * @param <V> the result type; it must be Serializable to travel back from a child
 */
@FunctionalInterface
public interface Call<V> extends java.util.concurrent.Callable<V>, Serializable {

    /**
     * Computes the result.
     *
     * @return the result
     * @throws Exception anything; it is re-thrown to whoever waits for the result
     */
    V call() throws Exception;
}
