package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;

/**
 * A non-reentrant mutual-exclusion lock shared by threads and processes: Python's
 * {@code multiprocessing.Lock}. A thread that acquires it again while holding it waits forever (use
 * {@link #acquire(java.time.Duration)} to show that safely, or an {@link RLock}).
 *
 * <p><b>The name.</b> In a notebook cell, {@code Lock} is this class, Python's name, not the JDK's
 * {@link java.util.concurrent.locks.Lock} interface (which this class does not implement). Write the JDK's by
 * its full name, {@code java.util.concurrent.locks.Lock}; a cell that imports
 * {@code java.util.concurrent.locks.*} makes the simple name ambiguous.
 *
 * <p>As in Python, any thread or process may release a held {@code Lock} (it behaves like a binary semaphore);
 * releasing a free lock throws {@link IllegalMonitorStateException}. The holder is still recorded, so a
 * process that dies holding the lock is reported to the next acquirer ({@link LockOwnerDiedException}) rather
 * than blocking everyone forever. Thread- and process-safe; serializes as its name, so a copy received by a
 * child is the same lock. Its shared memory is removed once every process using it has closed it or exited.
 */
public final class Lock extends SharedLock {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a free lock in new shared memory (a file under /dev/shm).
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Lock() {
        super();
    }

    Lock(Segment seg, int off) {
        super(seg, off);
    }

    @Override
    boolean reentrant() {
        return false;
    }

    @Override
    SharedHandle serialForm() {
        return new SharedHandle(seg, off, new Attach());
    }

    /**
     * Releases the lock, whoever holds it (Python semantics), and wakes one waiter. Never blocks.
     *
     * @throws IllegalMonitorStateException if the lock is not held, or another thread released or took it at
     *                                      the same moment
     */
    @Override
    public void release() {
        checkOpen();
        releaseHold(false);
    }

    /** How a {@code Lock}'s copy attaches. */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new Lock(seg, offset);
        }
    }
}
