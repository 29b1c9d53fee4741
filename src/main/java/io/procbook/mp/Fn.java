package io.procbook.mp;

import java.io.Serializable;

/**
 * A one-argument function that can be sent to a child process (what pools {@code map} over). Serializable, so
 * a plain lambda needs no cast; may throw any exception.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface Fn<T, R> extends Serializable {

    /**
     * Applies the function.
     *
     * @param t the argument
     * @return the result
     * @throws Exception anything; it is re-thrown to whoever waits for the result
     */
    R apply(T t) throws Exception;
}
