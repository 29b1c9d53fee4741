package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;

/**
 * The common part of {@link Value} and {@link Array}: numbers in shared memory with an optional embedded
 * {@link RLock}. Layout: element type, element count, lock flag, the lock on its own lines, then the data.
 */
abstract class SharedData extends SharedObject {

    private static final long serialVersionUID = 1L;

    static final int OFF_TYPE = Segment.HEADER;
    static final int OFF_LENGTH = Segment.HEADER + 8;
    static final int OFF_HAS_LOCK = Segment.HEADER + 16;
    static final int OFF_LOCK = Segment.HEADER + 64;
    static final int OFF_DATA = OFF_LOCK + SharedLock.BYTES;

    static final int INT = 1;
    static final int LONG = 2;
    static final int DOUBLE = 3;
    static final int BOOLEAN = 4;
    static final int BYTE = 5;

    private final transient RLock lock;

    SharedData(Segment seg) {
        super(seg);
        this.lock = seg.getLong(OFF_HAS_LOCK) != 0 ? new RLock(seg.retain(), OFF_LOCK) : null;
    }

    /** A new segment for {@code length} elements of {@code elemBytes} each. */
    static Segment create(int type, int elemBytes, int length, boolean withLock) {
        if (length < 0) {
            throw new IllegalArgumentException("negative array length: " + length);
        }
        Segment seg = Segment.create(OFF_DATA - Segment.HEADER + (long) elemBytes * length);
        seg.setLong(OFF_TYPE, type);
        seg.setLong(OFF_LENGTH, length);
        seg.setLong(OFF_HAS_LOCK, withLock ? 1 : 0);
        return seg;
    }

    /**
     * Returns the reentrant lock that guards compound updates (Python's {@code get_lock()}). It lives in the
     * same shared memory, so every process's copy of this object has the same lock. Never blocks.
     *
     * @return the lock
     * @throws UnsupportedOperationException if created by {@link RawValue} or {@link RawArray}, without one
     */
    public RLock getLock() {
        if (lock == null) {
            throw new UnsupportedOperationException("created without a lock (RawValue/RawArray)");
        }
        return lock;
    }

    /**
     * Acquires {@link #getLock()} for try-with-resources: {@code try (var h = v.hold()) {...}}. Waits, with no
     * time limit, while another thread or process holds the lock; the wait is interruptible.
     *
     * @return the handle whose {@code close()} releases the lock
     * @throws UnsupportedOperationException if there is no lock
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     * @throws LockOwnerDiedException        if the lock's holder died holding it (the lock is free again, not
     *                                       held by the caller)
     */
    public Held hold() {
        checkOpen();
        return getLock().hold();
    }

    @Override
    void beforeRelease() {
        if (lock != null) {
            lock.close();
        }
    }
}
