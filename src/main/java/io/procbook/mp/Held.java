package io.procbook.mp;

/**
 * A lock, reentrant lock or semaphore permit that is held, for try-with-resources:
 * <pre>{@code try (var held = lock.hold()) { ... } }</pre>
 * {@link #close()} releases what was acquired and throws no checked exception. Close it once, from the thread
 * that acquired it (for {@link RLock} the owner is that thread).
 */
public interface Held extends AutoCloseable {

    /** Releases what was acquired. */
    @Override
    void close();
}
