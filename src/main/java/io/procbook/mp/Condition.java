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
 * <p><b>The name.</b> In a notebook cell, {@code Condition} is this class, Python's name, not the JDK's
 * {@link java.util.concurrent.locks.Condition} interface (which this class does not implement). Write the
 * JDK's by its full name, {@code java.util.concurrent.locks.Condition}; a cell that imports
 * {@code java.util.concurrent.locks.*} makes the simple name ambiguous.
 *
 * <p>Shared state is one word {@code waiters:32 | tickets:32}: {@code await} registers as a waiter, releases
 * the lock completely and waits for a ticket; {@code signal(n)} issues up to n tickets, never more than there
 * are waiters, so a signal with nobody waiting is lost (as in Python and Java). A waiter that times out or is
 * interrupted while a ticket is reserved for it consumes the ticket and reports being woken (an interrupted one
 * returns normally with its interrupt flag set), so no signal is swallowed.
 *
 * <p>A process killed while waiting leaves its registration behind; a later signal may then be spent on it.
 * Thread- and process-safe; serializes as its name together with its lock, so a copy received by a child is
 * the same condition bound to the same lock. Its shared memory is removed once every process using it has
 * closed it or exited.
 *
 * <p>Waiting: {@link #await()} and its variants are interruptible while waiting for a signal; after an
 * interrupt (as after a timeout or a signal) they re-acquire the lock, ignoring further interrupts, before they
 * return or throw. That re-acquire waits as long as the lock is held by someone else, and if the lock's holder
 * died it takes the freed lock rather than throwing {@link LockOwnerDiedException}.
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

    /**
     * Creates a condition bound to a new {@link RLock} (closed with the condition), in new shared memory.
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Condition() {
        this(new RLock());
        ownsLock = true;
    }

    /**
     * Creates a condition bound to {@code lock}, in new shared memory. Closing the condition does not close
     * the lock.
     *
     * @param lock the lock to bind to; must not be null (not checked here: a null lock makes every later
     *             method throw {@link NullPointerException})
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Condition(SharedLock lock) {
        this(Segment.create(64 + WaitArea.BYTES), lock);
    }

    Condition(Segment seg, SharedLock lock) {
        super(seg);
        this.lock = lock;
        this.signalled = new WaitArea(seg, OFF_WORD + 64);
    }

    /**
     * Returns the lock this condition is bound to. Never blocks.
     *
     * @return the lock
     */
    public SharedLock getLock() {
        return lock;
    }

    /**
     * Acquires the underlying lock, waiting with no time limit; see {@link SharedLock#acquire()}.
     *
     * @throws LockOwnerDiedException        if the lock's holder died holding it (the lock is free, not held by
     *                                       the caller)
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     */
    @Override
    public void acquire() {
        checkOpen();
        lock.acquire();
    }

    /**
     * Acquires the underlying lock waiting at most {@code timeout}; see {@link SharedLock#acquire(Duration)}.
     *
     * @param timeout how long to wait at most; {@code null} for no limit
     * @return true if acquired, false on timeout
     * @throws LockOwnerDiedException        if the lock's holder died holding it
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     */
    @Override
    public boolean acquire(Duration timeout) {
        checkOpen();
        return lock.acquire(timeout);
    }

    /**
     * Acquires the underlying lock if it is free now, never waiting; see {@link SharedLock#tryAcquire()}.
     *
     * @return true if acquired
     * @throws LockOwnerDiedException if the lock's holder died holding it
     */
    @Override
    public boolean tryAcquire() {
        checkOpen();
        return lock.tryAcquire();
    }

    /**
     * Releases the underlying lock; see {@link Lock#release()} and {@link RLock#release()}. Never blocks.
     *
     * @throws IllegalMonitorStateException if the lock is not held (an {@link RLock}: not by the current thread)
     */
    @Override
    public void release() {
        checkOpen();
        lock.release();
    }

    /**
     * Releases the lock (every hold of an {@link RLock}), waits for a {@link #signal()} with no time limit, and
     * re-acquires the lock (with the same hold count) before returning. The wait is interruptible.
     *
     * @throws IllegalMonitorStateException  if the current thread does not hold the lock
     * @throws UncheckedInterruptedException if interrupted while waiting and not signalled (the lock is
     *                                       re-acquired first, and the interrupt flag is set again); a waiter
     *                                       signalled before it noticed the interrupt returns normally instead,
     *                                       with the interrupt flag set
     */
    public void await() {
        checkOpen();
        await(null);
    }

    /**
     * Like {@link #await()}, waiting at most {@code timeout}. After a timeout it still re-acquires the lock,
     * which may take longer than {@code timeout}.
     *
     * @param timeout how long to wait for a signal at most; {@code null} for no limit
     * @return true if signalled (also when interrupted after the signal: the interrupt flag is then set),
     *         false on timeout
     * @throws IllegalMonitorStateException  if the current thread does not hold the lock
     * @throws UncheckedInterruptedException if interrupted while waiting and not signalled (the lock is
     *                                       re-acquired first, and the interrupt flag is set again)
     */
    public boolean await(Duration timeout) {
        checkOpen();
        long deadline = Blocking.deadline(timeout);
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("await() without holding the condition's lock");
        }
        seg.getAndAddLong(OFF_WORD, WAITER);
        long holds = lock.releaseForWait();
        try {
            boolean woken = Waits.await(this::takeTicket, deadline, null, signalled);
            return woken || leave();
        } catch (UncheckedInterruptedException e) {
            // A ticket reserved for this waiter is owed to it alone (every waiter holds one), so it cannot go to
            // another: take it and return normally with the interrupt flag set (the exception set it), as
            // java.util.concurrent's conditions do for a waiter signalled before it was interrupted.
            if (leave()) return true;
            throw e;
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
     * Waits until {@code predicate} is true, re-checking it (with the lock held) after every signal, with no
     * time limit. Returns at once if it is true already. The wait is interruptible.
     *
     * @param predicate what to wait for; called with the lock held
     * @throws IllegalMonitorStateException  if the current thread does not hold the lock (and the predicate
     *                                       is false)
     * @throws UncheckedInterruptedException if interrupted while waiting (the lock is re-acquired first)
     * @throws RuntimeException              what {@code predicate} throws
     */
    public void waitFor(BooleanSupplier predicate) {
        checkOpen();
        while (!predicate.getAsBoolean()) {
            await(null);
        }
    }

    /**
     * Like {@link #waitFor(BooleanSupplier)}, giving up after {@code timeout} (Python's {@code wait_for}).
     *
     * @param predicate what to wait for; called with the lock held
     * @param timeout   how long to wait at most in all; {@code null} for no limit
     * @return the predicate's last value
     * @throws IllegalMonitorStateException  if the current thread does not hold the lock (and the predicate
     *                                       is false)
     * @throws UncheckedInterruptedException if interrupted while waiting (the lock is re-acquired first)
     * @throws RuntimeException              what {@code predicate} throws
     */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        checkOpen();
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

    /**
     * Wakes one waiter, if any, in any process. Python's {@code notify()}. Never blocks.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public void signal() {
        checkOpen();
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiters, in any process. Python's {@code notify(n)}. Never blocks.
     *
     * @param n how many waiters to wake at most; zero wakes none
     * @throws IllegalArgumentException     if {@code n} is negative (it would take back signals not yet
     *                                      consumed)
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public void signal(int n) {
        checkOpen();
        if (n < 0) {
            throw new IllegalArgumentException("signal(n) needs n >= 0, not " + n);
        }
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

    /**
     * Wakes every waiter, in any process. Python's {@code notify_all()}. Never blocks.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock
     */
    public void signalAll() {
        checkOpen();
        signal(Integer.MAX_VALUE);
    }

    /**
     * Serialization replaces this object with the name of its shared memory, never its contents.
     *
     * @return the serialized form
     */
    Object writeReplace() {
        return new SharedHandle(seg, 0, new Attach(lock));
    }

    /**
     * Describes the condition and its lock.
     *
     * @return a description
     */
    @Override
    public String toString() {
        if (isClosedHere()) return closedDescription();
        return "Condition[" + seg.name() + ", " + lock + "]";
    }

    /** How a {@code Condition}'s copy attaches, with its lock (which travels as its own handle). */
    private record Attach(SharedLock lock) implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new Condition(seg, lock);
        }
    }
}
