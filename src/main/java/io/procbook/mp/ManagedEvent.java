package io.procbook.mp;

import java.time.Duration;

/**
 * An event flag held by a manager server ({@link Manager#event()}): {@code await} blocks the calling thread
 * (not the server) until some process calls {@link #set()}. Safe from any thread of any process. A proxy is
 * Serializable; one sent to another process reaches the same event. Every method waits for its round trip to
 * the server and is interruptible (see {@link Manager} for what proxies throw).
 */
public interface ManagedEvent {

    /**
     * Sets the flag and wakes every waiter.
     *
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void set();

    /**
     * Clears the flag.
     *
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void clear();

    /**
     * Tells whether the flag is set now.
     *
     * @return whether the flag is set
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    boolean isSet();

    /**
     * Blocks, with no time limit, until the flag is set. The wait is interruptible.
     *
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there); also if the server stops while this call waits
     */
    void await();

    /**
     * Blocks until the flag is set or {@code timeout} passes. The wait is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit
     * @return whether the flag is set
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there); also if the server stops while this call waits
     */
    boolean await(Duration timeout);
}
