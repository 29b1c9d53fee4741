package io.procbook.mp;

import java.time.Duration;

/**
 * Something a thread acquires and releases: a {@link Lock}, {@link RLock}, {@link Semaphore} or
 * {@link Condition} (its lock), in shared memory, usable across threads and processes. The {@code hold}
 * methods wrap acquire/release for try-with-resources:
 * <pre>{@code try (var held = lock.hold()) { ... } }</pre>
 *
 * <p>Waiting: the blocking methods spin for a few microseconds, then sleep at no CPU cost until a release wakes
 * them. They are interruptible, but only while waiting: an acquire that succeeds at once does not look at the
 * interrupt flag. An interrupted wait throws {@link UncheckedInterruptedException} with the flag set again and
 * without having acquired. A timed wait whose time is up returns {@code false} even if the thread was also
 * interrupted.
 *
 * <p>Implementations are thread- and process-safe; see each for what it does when a holder's process dies.
 */
public interface Acquirable {

    /**
     * Acquires, waiting as long as necessary (no time limit; interruptible).
     *
     * @throws UncheckedInterruptedException if interrupted while waiting (nothing was acquired)
     * @throws LockOwnerDiedException        for a {@link Lock} or {@link RLock}, if its holder's process died
     *                                       (the lock is free again, but not held by the caller)
     */
    void acquire();

    /**
     * Acquires, waiting at most {@code timeout} (interruptible).
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative only tries once
     * @return true if acquired, false on timeout
     * @throws UncheckedInterruptedException if interrupted while waiting (nothing was acquired)
     * @throws LockOwnerDiedException        for a {@link Lock} or {@link RLock}, if its holder's process died
     */
    boolean acquire(Duration timeout);

    /**
     * Acquires only if possible right now, never waiting (Python's {@code acquire(False)}). Ignores the
     * interrupt flag.
     *
     * @return true if acquired
     * @throws LockOwnerDiedException for a {@link Lock} or {@link RLock}, if its holder's process died
     */
    boolean tryAcquire();

    /**
     * Releases what was acquired; see the implementation for who may release. Never blocks.
     *
     * @throws IllegalMonitorStateException for a lock that is not held (an {@link RLock}: not held by the
     *                                      current thread)
     * @throws IllegalStateException        for a {@link BoundedSemaphore} released above its initial value
     */
    void release();

    /**
     * Acquires, as {@link #acquire()} does (no time limit; interruptible), and returns a handle whose
     * {@code close()} releases.
     *
     * @return the handle; close it once, from the thread that acquired
     * @throws UncheckedInterruptedException if interrupted while waiting (nothing was acquired)
     * @throws LockOwnerDiedException        for a {@link Lock} or {@link RLock}, if its holder's process died
     */
    default Held hold() {
        acquire();
        return this::release;
    }

    /**
     * Like {@link #hold()}, waiting at most {@code timeout} (interruptible).
     *
     * @param timeout how long to wait at most; {@code null} for no limit
     * @return the handle; close it once, from the thread that acquired
     * @throws UncheckedTimeoutException     if it could not be acquired in time
     * @throws UncheckedInterruptedException if interrupted while waiting (nothing was acquired)
     * @throws LockOwnerDiedException        for a {@link Lock} or {@link RLock}, if its holder's process died
     */
    default Held hold(Duration timeout) {
        if (!acquire(timeout)) {
            throw new UncheckedTimeoutException("could not acquire " + this + " within " + timeout);
        }
        return this::release;
    }
}
