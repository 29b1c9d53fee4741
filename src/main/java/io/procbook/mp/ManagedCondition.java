package io.procbook.mp;

import java.time.Duration;

/**
 * A condition variable held by a manager server ({@link Manager#condition()}), with its own reentrant lock
 * owned by the calling thread of the calling process. {@code await} must be called with the lock held; it
 * releases it while waiting and holds it again on return. Safe from any thread of any process. A proxy is
 * Serializable; one sent to another process reaches the same condition. Every method waits for its round trip
 * to the server and is interruptible (see {@link Manager} for what proxies throw).
 */
public interface ManagedCondition extends Acquirable {

    /**
     * Releases the lock, waits with no time limit for a {@link #signal()}, re-acquires the lock. The wait is
     * interruptible.
     *
     * @throws IllegalStateException         if the caller does not hold the lock
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void await();

    /**
     * Like {@link #await()}, giving up after {@code timeout}.
     *
     * @param timeout how long to wait at most; {@code null} for no limit
     * @return false if the time ran out
     * @throws IllegalStateException         if the caller does not hold the lock
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    boolean await(Duration timeout);

    /**
     * Wakes one waiter (Python's {@code notify()}); the caller must hold the lock.
     *
     * @throws IllegalStateException         if the caller does not hold the lock
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void signal();

    /**
     * Wakes every waiter (Python's {@code notify_all()}); the caller must hold the lock.
     *
     * @throws IllegalStateException         if the caller does not hold the lock
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void signalAll();
}
