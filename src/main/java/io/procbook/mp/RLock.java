package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;

/**
 * A reentrant lock shared by threads and processes: Python's {@code multiprocessing.RLock}. Its owner is one
 * thread of one process: that thread may acquire it again (each acquire needs a matching release); any other
 * thread, in this process or another, waits. A process that dies holding it is reported to the next acquirer
 * ({@link LockOwnerDiedException}). Thread- and process-safe; serializes as its name, so a copy received by a
 * child is the same lock (owned there by the child's threads). Its shared memory is removed once every process
 * using it has closed it or exited.
 */
public final class RLock extends SharedLock {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a free reentrant lock in new shared memory (a file under /dev/shm).
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public RLock() {
        super();
    }

    RLock(Segment seg, int off) {
        super(seg, off);
    }

    @Override
    boolean reentrant() {
        return true;
    }

    @Override
    SharedHandle serialForm() {
        return new SharedHandle(seg, off, new Attach());
    }

    /**
     * Releases one hold; the lock is free when every acquire has been matched, and then one waiter is woken.
     * Never blocks.
     *
     * @throws IllegalMonitorStateException if the current thread does not own the lock
     */
    @Override
    public void release() {
        checkOpen();
        releaseHold(true);
    }

    /**
     * Returns how many times the owner holds the lock. Never blocks. Exact only for the owner; for any other
     * thread it is a snapshot of the owner's count.
     *
     * @return how many times the owner holds the lock (0 if free)
     */
    public long holdCount() {
        checkOpen();
        return isLocked() ? seg.getLong(off + 8) : 0;
    }

    /** How an {@code RLock}'s copy attaches. */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new RLock(seg, offset);
        }
    }
}
