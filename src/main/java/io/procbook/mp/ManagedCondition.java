package io.procbook.mp;

import java.time.Duration;

/**
 * A condition variable held by a manager server ({@link Manager#condition()}), with its own reentrant lock
 * owned by the calling thread of the calling process. {@code await} must be called with the lock held; it
 * releases it while waiting and holds it again on return. Safe from any thread of any process.
 */
public interface ManagedCondition extends Acquirable {

    /**
     * Releases the lock, waits for a {@link #signal()}, re-acquires the lock.
     *
     * @throws IllegalStateException if the caller does not hold the lock
     */
    void await();

    /**
     * Like {@link #await()}, giving up after {@code timeout}.
     *
     * @return false if the time ran out
     * @throws IllegalStateException if the caller does not hold the lock
     */
    boolean await(Duration timeout);

    /** Wakes one waiter (Python's {@code notify()}); the caller must hold the lock. */
    void signal();

    /** Wakes every waiter (Python's {@code notify_all()}); the caller must hold the lock. */
    void signalAll();
}
