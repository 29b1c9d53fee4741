package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared by threads and processes: Python's {@code multiprocessing.Condition}, with
 * Java's names ({@code await}/{@code signal}/{@code signalAll} for Python's {@code wait}/{@code notify}/
 * {@code notify_all}) plus Python's {@link #waitFor}. It is bound to a {@link Lock} or {@link RLock} (a new
 * RLock by default), which the caller must hold around every call.
 *
 * <p>Shared state is one word {@code waiters:32 | tickets:32}: {@code await} registers as a waiter, releases
 * the lock completely and waits for a ticket; {@code signal(n)} issues up to n tickets, never more than there
 * are waiters, so a signal with nobody waiting is lost (as in Python and Java). A waiter that times out while
 * a ticket is reserved for it consumes the ticket and reports being woken, so no signal is swallowed.
 *
 * <p>A process killed while waiting leaves its registration behind; a later signal may then be spent on it.
 * Thread- and process-safe; serializes as its name together with its lock.
 */
public final class Condition extends SharedObject implements Acquirable {

    private static final long serialVersionUID = 1L;

    private static final int OFF_WORD = Segment.HEADER;
    private static final long WAITER = 1L << 32;
    private static final long TICKETS = 0xFFFFFFFFL;

    private final transient SharedLock lock;
    private final transient WaitArea signalled;
    private transient boolean ownsLock;

    @Override
    void beforeRelease() {
        if (ownsLock) {
            lock.close(); // the condition created it, so nobody else in this process knows of it
        }
    }

    /** Creates a condition bound to a new {@link RLock} (closed with the condition). */
    public Condition() {
        this(new RLock());
        ownsLock = true;
    }

    /** Creates a condition bound to {@code lock}. */
    public Condition(SharedLock lock) {
        this(Segment.create(64 + WaitArea.BYTES), lock);
    }

    Condition(Segment seg, SharedLock lock) {
        super(seg);
        this.lock = lock;
        this.signalled = new WaitArea(seg, OFF_WORD + 64);
    }

    /** The lock this condition is bound to. */
    public SharedLock getLock() {
        return lock;
    }

    /** Acquires the underlying lock; see {@link SharedLock#acquire()}. */
    @Override
    public void acquire() {
        lock.acquire();
    }

    /** Acquires the underlying lock waiting at most {@code timeout}; see {@link SharedLock#acquire(Duration)}. */
    @Override
    public boolean acquire(Duration timeout) {
        return lock.acquire(timeout);
    }

    /** Acquires the underlying lock if it is free now; see {@link SharedLock#tryAcquire()}. */
    @Override
    public boolean tryAcquire() {
        return lock.tryAcquire();
    }

    /** Releases the underlying lock. */
    @Override
    public void release() {
        lock.release();
    }

    /**
     * Releases the lock, waits for a {@link #signal()}, and re-acquires the lock before returning.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws UncheckedInterruptedException if interrupted while waiting (the lock is re-acquired first)
     */
    public void await() {
        await(null);
    }

    /**
     * Like {@link #await()}, waiting at most {@code timeout} (null: no limit).
     *
     * @return true if signalled, false on timeout
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     * @throws UncheckedInterruptedException if interrupted while waiting (the lock is re-acquired first)
     */
    public boolean await(Duration timeout) {
        long deadline = Blocking.deadline(timeout);
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("await() without holding the condition's lock");
        }
        seg.getAndAddLong(OFF_WORD, WAITER);
        long holds = lock.releaseForWait();
        try {
            boolean woken = Blocking.await(this::takeTicket, deadline, null, signalled);
            return woken || leave();
        } catch (RuntimeException e) {
            leave();
            throw e;
        } finally {
            lock.reacquireAfterWait(holds);
        }
    }

    private boolean takeTicket() {
        while (true) {
            long w = seg.getLong(OFF_WORD);
            if ((w & TICKETS) == 0) {
                return false;
            }
            if (seg.casLong(OFF_WORD, w, w - WAITER - 1)) {
                return true;
            }
        }
    }

    /** Deregisters a waiter that stops waiting; true if a ticket was reserved for it (it counts as woken). */
    private boolean leave() {
        while (true) {
            long w = seg.getLong(OFF_WORD);
            boolean owed = (w & TICKETS) >= (w >>> 32);
            if (seg.casLong(OFF_WORD, w, w - WAITER - (owed ? 1 : 0))) {
                return owed;
            }
        }
    }

    /**
     * Waits until {@code predicate} is true, re-checking it (with the lock held) after every signal.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public void waitFor(BooleanSupplier predicate) {
        while (!predicate.getAsBoolean()) {
            await(null);
        }
    }

    /**
     * Like {@link #waitFor(BooleanSupplier)}, giving up after {@code timeout}.
     *
     * @return the predicate's last value
     */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        long deadline = Blocking.deadline(timeout);
        boolean ok = predicate.getAsBoolean();
        while (!ok) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            await(Duration.ofNanos(left));
            ok = predicate.getAsBoolean();
        }
        return ok;
    }

    /** Wakes one waiter, if any. Python's {@code notify()}. */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters. Python's {@code notify(n)}.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public void signal(int n) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("signal() without holding the condition's lock");
        }
        while (true) {
            long w = seg.getLong(OFF_WORD);
            long waiters = w >>> 32;
            long tickets = w & TICKETS;
            long nt = Math.min(waiters, tickets + n);
            if (nt == tickets) {
                return;
            }
            if (seg.casLong(OFF_WORD, w, waiters << 32 | nt)) {
                signalled.signal();
                return;
            }
        }
    }

    /** Wakes every waiter. Python's {@code notify_all()}. */
    public void signalAll() {
        signal(Integer.MAX_VALUE);
    }

    /**
     * Serialization replaces this object with the name of its shared memory, never its contents.
     *
     * @return the serialized form
     */
    Object writeReplace() {
        return new SharedHandle(SharedHandle.Kind.CONDITION, seg, 0, lock);
    }

    @Override
    public String toString() {
        return "Condition[" + seg.name() + ", " + lock + "]";
    }
}
