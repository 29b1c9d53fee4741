package io.procbook.mp;

import java.io.Serializable;

/**
 * A task with no arguments that returns a value and can be sent to a child process (a {@link Serializable}
 * {@link java.util.concurrent.Callable}): what pools run for {@code apply}/{@code submit}. May throw any
 * exception.
 *
 * @param <V> the result type; it must be Serializable to travel back from a child
 */
@FunctionalInterface
public interface Call<V> extends Serializable {

    /**
     * Computes the result.
     *
     * @return the result
     * @throws Exception anything; it is re-thrown to whoever waits for the result
     */
    V call() throws Exception;
}
