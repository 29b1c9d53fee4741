package io.procbook.mp;

/**
 * A single value held by a manager server ({@link Manager#value(Object)}, Python's {@code Manager().Value}).
 * Every method is one call to the server and atomic there; safe to use from any thread of any process that
 * holds the proxy. A proxy is Serializable; one sent to another process reaches the same value. Every method
 * waits for its round trip to the server and is interruptible (see {@link Manager} for what proxies throw).
 *
 * @param <T> the value's type (Serializable and on the manager's allow-list)
 */
public interface ManagedValue<T> {

    /**
     * Reads the value on the server.
     *
     * @return the current value (a copy, deserialized here)
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    T get();

    /**
     * Replaces the value on the server.
     *
     * @param value the new value; it is sent to the server
     * @throws ManagerException             also if {@code value} cannot be sent (not Serializable, or not on the
     *                                       allow-list)
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void set(T value);

    /**
     * Sets the value to {@code update} only if it currently equals {@code expected} (by {@code equals}); the
     * building block of atomic read-modify-write loops.
     *
     * @param expected the value expected (compared with {@code equals} on the server)
     * @param update   the new value
     * @return whether the value was replaced
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    boolean compareAndSet(T expected, T update);
}
