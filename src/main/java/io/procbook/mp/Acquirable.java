package io.procbook.mp;

import java.time.Duration;

/**
 * Something a thread acquires and releases: a {@link Lock}, {@link RLock}, {@link Semaphore} or
 * {@link Condition} (its lock), in shared memory, usable across threads and processes. The {@code hold}
 * methods wrap acquire/release for try-with-resources:
 * <pre>{@code try (var held = lock.hold()) { ... } }</pre>
 */
public interface Acquirable {

    /**
     * Acquires, waiting as long as necessary.
     *
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    void acquire();

    /**
     * Acquires, waiting at most {@code timeout} (null: no limit).
     *
     * @return true if acquired, false on timeout
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    boolean acquire(Duration timeout);

    /** Acquires only if possible right now, never waiting (Python's {@code acquire(False)}). */
    boolean tryAcquire();

    /** Releases what was acquired; see the implementation for who may release. */
    void release();

    /**
     * Acquires and returns a handle whose {@code close()} releases.
     *
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    default Held hold() {
        acquire();
        return this::release;
    }

    /**
     * Like {@link #hold()}, waiting at most {@code timeout}.
     *
     * @throws UncheckedTimeoutException if it could not be acquired in time
     */
    default Held hold(Duration timeout) {
        if (!acquire(timeout)) {
            throw new UncheckedTimeoutException("could not acquire " + this + " within " + timeout);
        }
        return this::release;
    }
}
