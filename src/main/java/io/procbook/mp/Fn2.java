package io.procbook.mp;

import java.io.Serializable;

/**
 * A two-argument function that can be sent to a child process (what pools {@code starmap} over).
 * Serializable, so a plain lambda needs no cast; may throw any exception.
 *
 * <p>Processes and threads: each process that runs it runs its own deserialized copy, so what it captures is
 * copied, not shared (the library's shared objects, such as a {@link Queue} or a manager proxy, travel by name
 * and are shared). Within a process a copy may be called by several threads (a {@link ThreadPool}, or the
 * threads of a pool worker), so it should not keep unsynchronized mutable state.
 *
 * @param <T> the first argument's type
 * @param <U> the second argument's type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn2<T, U, R> extends Serializable {

    /**
     * Applies the function.
     *
     * @param t the first argument
     * @param u the second argument
     * @return the result
     * @throws Exception anything; it is re-thrown to whoever waits for the result
     */
    R apply(T t, U u) throws Exception;
}
