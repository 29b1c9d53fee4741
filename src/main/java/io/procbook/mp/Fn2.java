package io.procbook.mp;

import java.io.Serializable;

/**
 * A two-argument function that can be sent to a child process (what pools {@code starmap} over).
 * Serializable, so a plain lambda needs no cast; may throw any exception.
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
