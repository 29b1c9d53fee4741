package io.procbook.mp;

import java.io.Serializable;

/**
 * What {@link BaseManager#register(String, ServedSupplier)} serves: called on the server each time a client
 * asks for the name, it returns the object to serve (typically the same object every time, e.g. a queue
 * created beforehand). It is {@link Serializable} so that {@link BaseManager#start()} can copy it into the
 * server's child process; a plain lambda typed where a {@code ServedSupplier} is expected qualifies.
 *
 * <p>It may be called by several server threads at once (one per client asking), so it must be thread-safe.
 *
 * @param <T> the served object's type; clients see it through an interface it implements
 */
@FunctionalInterface
public interface ServedSupplier<T> extends Serializable {

    /**
     * Returns the object to serve. Runs on the server, in the thread of the client connection that asked.
     *
     * @return the object to serve (not null)
     * @throws Exception anything; the client's {@code get} re-throws it (a checked one wrapped in an
     *                   {@link IllegalStateException})
     */
    T get() throws Exception;
}
