package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Pids;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.time.Duration;

/**
 * What {@link Lock} and {@link RLock} share: a mutual-exclusion lock in shared memory, usable across threads
 * and processes, whose owner (process and thread) is recorded so that a process dying with the lock held is
 * detected by the next acquirer ({@link LockOwnerDiedException}) instead of blocking everyone forever.
 *
 * <p>Layout: an owner word {@code pid << 40 | thread id} (0 = free), a hold count (written only by the owner),
 * and a wait area where releasers wake sleeping acquirers.
 *
 * <p>Acquiring spins briefly, then sleeps at no CPU cost until a release wakes it. While asleep it checks every
 * 100 ms whether the owner process is still alive. Serializes as its name: a lock passed to another process is
 * the same lock there.
 *
 * <p>Thread- and process-safe. What is detected, and what is not: a holder whose process has died is found by
 * the next acquirer that waits (or tries), which gets a {@link LockOwnerDiedException}; a holder that is a
 * thread which ended while its process lives on is not detected, and neither is a dead holder whose pid the
 * operating system has already given to a new process: the lock then stays held.
 */
public abstract sealed class SharedLock extends SharedObject implements Acquirable permits Lock, RLock {

    private static final long serialVersionUID = 1L;

    /** Shared bytes a lock occupies. */
    static final int BYTES = 64 + WaitArea.BYTES;
    private static final long THREAD_MASK = (1L << 40) - 1;

    final transient int off;
    private final transient WaitArea released;

    SharedLock() {
        this(Segment.create(BYTES), Segment.HEADER);
    }

    /** Views the lock at {@code off}; takes over one local reference to {@code seg}. */
    SharedLock(Segment seg, int off) {
        super(seg);
        this.off = off;
        this.released = new WaitArea(seg, off + 64);
    }

    abstract boolean reentrant();

    /** This lock's serialized form: each kind of lock has its own. */
    abstract SharedHandle serialForm();

    static long currentOwner() {
        return Pids.SELF << 40 | (Thread.currentThread().getId() & THREAD_MASK);
    }

    private boolean tryOnce(long me) {
        long w = seg.getLong(off);
        if (w == 0) {
            if (seg.casLong(off, 0, me)) {
                seg.setLong(off + 8, 1);
                return true;
            }
            return false;
        }
        if (w == me && reentrant()) {
            seg.setLong(off + 8, seg.getLong(off + 8) + 1);
            return true;
        }
        return false;
    }

    private void checkOwnerAlive() {
        long w = seg.getLong(off);
        long pid = w >>> 40;
        if (w != 0 && pid != Pids.SELF && !Pids.alive(pid) && seg.casLong(off, w, 0)) {
            released.signal();
            throw new LockOwnerDiedException(pid);
        }
    }

    /**
     * Acquires the lock, waiting as long as another thread or process holds it (no time limit). For a
     * {@link Lock}, a thread that already holds it waits forever (as in Python); an {@link RLock} is
     * re-entered instead. The wait is interruptible; an acquire that succeeds at once does not look at the
     * interrupt flag.
     *
     * @throws LockOwnerDiedException        if the holder's process died; the lock is then free but not held
     *                                       by the caller (exactly one waiter gets this)
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again);
     *                                       the lock was not acquired
     */
    @Override
    public void acquire() {
        checkOpen();
        long me = currentOwner();
        Waits.await(() -> tryOnce(me), Blocking.NO_DEADLINE, this::checkOwnerAlive, released);
    }

    /**
     * Acquires the lock, waiting at most {@code timeout}. The wait is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative tries once (without
     *                the dead-owner check {@link #tryAcquire()} makes)
     * @return true if acquired, false on timeout
     * @throws LockOwnerDiedException        if the holder's process died; the lock is then free but not held by
     *                                       the caller
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again);
     *                                       the lock was not acquired
     */
    @Override
    public boolean acquire(Duration timeout) {
        checkOpen();
        long me = currentOwner();
        return Waits.await(() -> tryOnce(me), Blocking.deadline(timeout), this::checkOwnerAlive, released);
    }

    /**
     * Acquires the lock only if it is free now (Python's {@code acquire(False)}); never waits, and ignores the
     * interrupt flag. When the lock is held, checks whether its holder's process is alive.
     *
     * @return true if acquired
     * @throws LockOwnerDiedException if the holder died; the lock is then free but not held by the caller
     */
    @Override
    public boolean tryAcquire() {
        checkOpen();
        if (tryOnce(currentOwner())) {
            return true;
        }
        checkOwnerAlive();
        return false;
    }

    /** Acquires ignoring interrupts (used to re-acquire after a condition wait); restores the interrupt. */
    void acquireUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                acquire();
                break;
            } catch (UncheckedInterruptedException e) {
                interrupted = true;
                Thread.interrupted();
            } catch (LockOwnerDiedException e) {
                // The previous owner died: retry; the condition's caller re-validates its predicate anyway.
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Releases the lock, waking one waiter if there is one. Never blocks.
     *
     * @throws IllegalMonitorStateException see {@link Lock#release()} and {@link RLock#release()}
     */
    @Override
    public abstract void release();

    /** Releases one hold of the owner (RLock semantics) or the lock whoever holds it (Lock semantics). */
    final void releaseHold(boolean ownerOnly) {
        long me = currentOwner();
        long w = seg.getLong(off);
        if (w == 0) {
            throw new IllegalMonitorStateException("release of an unlocked " + getClass().getSimpleName());
        }
        if (w != me) {
            if (ownerOnly) {
                throw new IllegalMonitorStateException("cannot release an RLock held by another thread/process"
                        + " (owner pid " + (w >>> 40) + ", thread " + (w & THREAD_MASK) + ")");
            }
        } else if (reentrant()) {
            long n = seg.getLong(off + 8);
            if (n > 1) {
                seg.setLong(off + 8, n - 1);
                return;
            }
        }
        if (!seg.casLong(off, w, 0)) {
            throw new IllegalMonitorStateException("lock released concurrently by someone else");
        }
        released.signal();
    }

    /**
     * Tells whether the current thread holds the lock. Never blocks.
     *
     * @return whether the current thread holds the lock
     */
    public boolean isHeldByCurrentThread() {
        checkOpen();
        return seg.getLong(off) == currentOwner();
    }

    /**
     * Tells whether any thread of any process holds the lock right now: a snapshot that may be stale at once.
     * Never blocks.
     *
     * @return whether the lock is held
     */
    public boolean isLocked() {
        checkOpen();
        return seg.getLong(off) != 0;
    }

    /**
     * Returns the pid of the process holding the lock: a snapshot. Never blocks.
     *
     * @return the pid of the process holding the lock, or 0 if it is free
     */
    public long ownerPid() {
        checkOpen();
        return seg.getLong(off) >>> 40;
    }

    /** For Condition: releases completely (all reentrant holds) and returns the hold count to restore. */
    final long releaseForWait() {
        if (!isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the condition's lock is not held by the current thread");
        }
        long n = seg.getLong(off + 8);
        seg.setLong(off, 0);
        released.signal();
        return n;
    }

    /** For Condition: re-acquires after a wait and restores the hold count. */
    final void reacquireAfterWait(long holds) {
        acquireUninterruptibly();
        seg.setLong(off + 8, holds);
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
     * Describes the lock and its holder (pid and thread id) at this moment.
     *
     * @return a description
     */
    @Override
    public String toString() {
        if (isClosedHere()) return closedDescription();
        long w = seg.getLong(off);
        return getClass().getSimpleName() + "[" + seg.name() + "@" + off
                + (w == 0 ? ", free]" : ", held by pid " + (w >>> 40) + " thread " + (w & THREAD_MASK) + "]");
    }
}
