package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.time.Duration;

/**
 * A counting semaphore shared by threads and processes: Python's {@code multiprocessing.Semaphore}. The count
 * lives in shared memory; {@link #acquire()} takes one permit, waiting while there is none; {@link #release()}
 * gives one back (anyone may release, and releases beyond the initial value are allowed; see
 * {@link BoundedSemaphore} for the checked variant).
 *
 * <p><b>The name.</b> In a notebook cell, {@code Semaphore} is this class, not the JDK's
 * {@link java.util.concurrent.Semaphore} (which works between the threads of one JVM only): the kernel
 * imports it by name. Write the JDK's by its full name, {@code java.util.concurrent.Semaphore}.
 *
 * <p>Permits are not owned, so a process that dies holding permits cannot be detected: its permits are lost
 * (as in Python), and its waiters wait on. Waiting spins briefly, then sleeps at no CPU cost until a release.
 * Thread- and process-safe; serializes as its name, so a copy received by a child is the same semaphore. Its
 * shared memory is removed once every process using it has closed it or exited.
 */
public sealed class Semaphore extends SharedObject implements Acquirable permits BoundedSemaphore {

    private static final long serialVersionUID = 1L;

    static final int BYTES = 64 + WaitArea.BYTES;
    static final int OFF_BOUND = 8;

    final transient int off;
    final transient WaitArea released;

    /**
     * Creates a semaphore with one permit, in new shared memory.
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Semaphore() {
        this(1);
    }

    /**
     * Creates a semaphore with {@code value} permits, in new shared memory.
     *
     * @param value the initial number of permits
     * @throws IllegalArgumentException     if value is negative
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Semaphore(int value) {
        this(init(value, Long.MAX_VALUE), Segment.HEADER);
    }

    Semaphore(Segment seg, int off) {
        super(seg);
        this.off = off;
        this.released = new WaitArea(seg, off + 64);
    }

    static Segment init(int value, long bound) {
        if (value < 0) {
            throw new IllegalArgumentException("semaphore initial value must be >= 0: " + value);
        }
        Segment seg = Segment.create(BYTES);
        seg.setLong(Segment.HEADER, value);
        seg.setLong(Segment.HEADER + OFF_BOUND, bound);
        return seg;
    }

    private boolean tryOnce() {
        long v = seg.getLong(off);
        return v > 0 && seg.casLong(off, v, v - 1);
    }

    /**
     * Takes a permit, waiting as long as there is none (no time limit). The wait is interruptible; a permit
     * available at once is taken without looking at the interrupt flag.
     *
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again); no
     *                                       permit was taken
     */
    @Override
    public void acquire() {
        checkOpen();
        Waits.await(this::tryOnce, Blocking.NO_DEADLINE, null, released);
    }

    /**
     * Takes a permit, waiting at most {@code timeout}. The wait is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative tries once
     * @return true if a permit was taken, false on timeout
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again); no
     *                                       permit was taken
     */
    @Override
    public boolean acquire(Duration timeout) {
        checkOpen();
        return Waits.await(this::tryOnce, Blocking.deadline(timeout), null, released);
    }

    /**
     * Takes a permit only if one is available now; never waits, and ignores the interrupt flag.
     *
     * @return true if a permit was taken
     */
    @Override
    public boolean tryAcquire() {
        checkOpen();
        while (true) {
            long v = seg.getLong(off);
            if (v <= 0) {
                return false;
            }
            if (seg.casLong(off, v, v - 1)) {
                return true;
            }
        }
    }

    /**
     * Gives a permit back and wakes a waiter. Any thread of any process may release. Never blocks.
     *
     * @throws IllegalStateException for a {@link BoundedSemaphore} released above its initial value
     */
    @Override
    public void release() {
        checkOpen();
        long bound = seg.getLong(off + OFF_BOUND);
        while (true) {
            long v = seg.getLong(off);
            if (v >= bound) {
                throw new IllegalStateException("semaphore released too many times (above its initial value "
                        + bound + ")");
            }
            if (seg.casLong(off, v, v + 1)) {
                break;
            }
        }
        released.signal();
    }

    /**
     * Returns the number of permits available right now (Python's {@code get_value()}): a snapshot. Never
     * blocks.
     *
     * @return the number of permits available
     */
    public int getValue() {
        checkOpen();
        return (int) seg.getLong(off);
    }

    /** This semaphore's serialized form; {@link BoundedSemaphore} has its own. */
    SharedHandle serialForm() {
        return new SharedHandle(seg, off, new Attach());
    }

    /**
     * Serialization replaces this object with the name of its shared memory, never its contents.
     *
     * @return the serialized form
     */
    Object writeReplace() {
        return serialForm();
    }

    /**
     * Describes the semaphore and its current value.
     *
     * @return a description
     */
    @Override
    public String toString() {
        if (isClosedHere()) return closedDescription();
        return getClass().getSimpleName() + "[" + seg.name() + ", value=" + getValue() + "]";
    }

    /** How a {@code Semaphore}'s copy attaches. */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new Semaphore(seg, offset);
        }
    }
}
