package io.procbook.mp;

/**
 * A lock, reentrant lock or semaphore permit that is held, for try-with-resources:
 * <pre>{@code try (var held = lock.hold()) { ... } }</pre>
 * {@link #close()} releases what was acquired and throws no checked exception. Close it once, from the thread
 * that acquired it (for {@link RLock} the owner is that thread). A handle is not meant to be shared between
 * threads or sent to another process; the lock itself may be.
 */
public interface Held extends AutoCloseable {

    /**
     * Releases what was acquired, as the lock's or semaphore's {@code release()} does. Never blocks.
     *
     * @throws IllegalMonitorStateException if the lock is no longer held (say, closed twice), or an
     *                                      {@link RLock} is not held by the current thread
     */
    @Override
    void close();
}
