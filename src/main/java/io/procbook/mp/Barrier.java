package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * A cyclic barrier for a fixed number of parties in any threads and processes: Python's
 * {@code multiprocessing.Barrier} ({@code threading.Barrier}). Each party calls {@link #await()}; when the last
 * arrives, the optional action runs (in the last arriver's thread) and everyone is released; the barrier is
 * then ready for the next round. If a waiter times out, the action throws, or the barrier is
 * {@link #abort() aborted} or {@link #reset() reset}, the barrier breaks and every waiter gets
 * {@link UncheckedBrokenBarrierException}.
 *
 * <p>Shared state is one word {@code generation:32 | broken:1 | count:31}. Thread- and process-safe;
 * serializes as its name together with its action (which must therefore be serializable: it is a
 * {@link Action}, so a lambda is), so a copy received by a child is the same barrier, and runs its own copy of
 * the action when it arrives last. Its shared memory is removed once every process using it has closed it or
 * exited. A party whose process dies while waiting still counts as arrived; use a timeout if parties may die
 * before they arrive.
 */
public final class Barrier extends SharedObject {

    private static final long serialVersionUID = 1L;

    /** The barrier action: a serializable {@link Runnable}, so it can travel with the barrier to children. */
    @FunctionalInterface
    public interface Action extends Runnable, Serializable {
    }

    private static final int OFF_WORD = Segment.HEADER;
    private static final int OFF_PARTIES = OFF_WORD + 8;
    private static final int OFF_TIMEOUT = OFF_WORD + 16;
    private static final int OFF_RESET_GEN = OFF_WORD + 24;
    private static final long BROKEN = 1L << 31;
    private static final long COUNT = BROKEN - 1;

    private final transient Action action;
    private final transient WaitArea changed;

    /**
     * Creates a barrier for {@code parties} parties, with no action and no default timeout, in new shared
     * memory.
     *
     * @param parties how many parties must call {@link #await()} to pass
     * @throws IllegalArgumentException     if parties is less than 1
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /**
     * Creates a barrier for {@code parties} parties whose last arriving party runs {@code action} before the
     * others are released (Python's {@code Barrier(parties, action=...)}), with no default timeout, in new
     * shared memory.
     *
     * @param parties how many parties must call {@link #await()} to pass
     * @param action  run by the last arriving party, in its process, before the others are released
     * @throws IllegalArgumentException     if parties is less than 1
     * @throws NullPointerException         if {@code action} is null
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Barrier(int parties, Action action) {
        this(parties, Objects.requireNonNull(action, "action"), null);
    }

    /**
     * Creates a barrier for {@code parties} parties whose {@link #await()} waits at most {@code timeout}
     * (Python's {@code Barrier(parties, timeout=...)}), with no action, in new shared memory.
     *
     * @param parties how many parties must call {@link #await()} to pass
     * @param timeout default timeout of {@link #await()}; negative for none
     * @throws IllegalArgumentException     if parties is less than 1
     * @throws NullPointerException         if {@code timeout} is null
     * @throws ArithmeticException          if {@code timeout} does not fit in a {@code long} of nanoseconds
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Barrier(int parties, Duration timeout) {
        this(parties, null, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Creates a barrier for {@code parties} parties, in new shared memory.
     *
     * @param parties how many parties must call {@link #await()} to pass
     * @param action  run by the last arriving party before the others are released; may be null
     * @param timeout default timeout of {@link #await()}; null (or negative) for none
     * @throws IllegalArgumentException     if parties is less than 1
     * @throws ArithmeticException          if {@code timeout} does not fit in a {@code long} of nanoseconds
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Barrier(int parties, Action action, Duration timeout) {
        this(create(parties, timeout), action);
    }

    Barrier(Segment seg, Action action) {
        super(seg);
        this.action = action;
        this.changed = new WaitArea(seg, OFF_WORD + 64);
    }

    private static Segment create(int parties, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1: " + parties);
        }
        Segment seg = Segment.create(64 + WaitArea.BYTES);
        seg.setLong(OFF_PARTIES, parties);
        seg.setLong(OFF_TIMEOUT, timeout == null ? -1 : timeout.toNanos());
        seg.setLong(OFF_RESET_GEN, -1);
        return seg;
    }

    /**
     * Waits until all parties have called {@code await}, with the barrier's default timeout (if none, with no
     * time limit). The wait is interruptible.
     *
     * @return the arrival index, from 0 (first) to parties - 1 (last, which ran the action)
     * @throws UncheckedBrokenBarrierException if the barrier is or becomes broken, or the timeout elapses
     *                                         (which breaks it)
     * @throws UncheckedInterruptedException   if interrupted while waiting (the barrier is then broken, and the
     *                                         interrupt flag is set again)
     * @throws RuntimeException                in the last party, what the action threw (the barrier is then
     *                                         broken); an {@link Error} likewise
     */
    public int await() {
        checkOpen();
        long t = seg.getLong(OFF_TIMEOUT);
        return await(t < 0 ? null : Duration.ofNanos(t));
    }

    /**
     * Like {@link #await()} with an explicit timeout. A timeout breaks the barrier for everyone. The wait is
     * interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative gives up at once
     *                unless this party is the last
     * @return the arrival index, from 0 to parties - 1
     * @throws UncheckedBrokenBarrierException if the barrier is or becomes broken, or the timeout elapses
     *                                         (which breaks it)
     * @throws UncheckedInterruptedException   if interrupted while waiting (the barrier is then broken, and the
     *                                         interrupt flag is set again)
     * @throws RuntimeException                in the last party, what the action threw (the barrier is then
     *                                         broken); an {@link Error} likewise
     */
    public int await(Duration timeout) {
        checkOpen();
        long deadline = Blocking.deadline(timeout);
        int parties = parties();
        long w;
        while (true) {
            w = seg.getLong(OFF_WORD);
            if ((w & BROKEN) != 0) {
                throw new UncheckedBrokenBarrierException("barrier is broken");
            }
            if (seg.casLong(OFF_WORD, w, w + 1)) {
                break;
            }
        }
        long gen = w >>> 32;
        int index = (int) (w & COUNT);
        if (index + 1 == parties) {
            if (action != null) {
                try {
                    action.run();
                } catch (RuntimeException | Error e) {
                    breakGeneration(gen);
                    throw e;
                }
            }
            if (!completeGeneration(gen)) {
                throw new UncheckedBrokenBarrierException(
                        "barrier was broken (reset, aborted or timed out) while the last party ran its action");
            }
            changed.signal();
            return index;
        }
        boolean released;
        try {
            released = Waits.await(() -> {
                long x = seg.getLong(OFF_WORD);
                return x >>> 32 != gen || (x & BROKEN) != 0;
            }, deadline, null, changed);
        } catch (RuntimeException e) {
            breakGeneration(gen);
            throw e;
        }
        if (!released) {
            breakGeneration(gen);
            throw new UncheckedBrokenBarrierException("barrier timed out after " + timeout + " with "
                    + (index + 1) + " of " + parties + " parties arrived; it is now broken");
        }
        long x = seg.getLong(OFF_WORD);
        if (x >>> 32 == gen || seg.getLong(OFF_RESET_GEN) == gen) {
            throw new UncheckedBrokenBarrierException("barrier was broken while waiting");
        }
        return index;
    }

    /**
     * Opens the next round, unless this one was broken meanwhile: a broken round never completes, which is what
     * lets {@link #reset()} record it as ended broken without the last party contradicting it.
     */
    private boolean completeGeneration(long gen) {
        while (true) {
            long w = seg.getLong(OFF_WORD);
            if (w >>> 32 != gen || (w & BROKEN) != 0) {
                return false;
            }
            if (seg.casLong(OFF_WORD, w, (gen + 1) << 32)) {
                return true;
            }
        }
    }

    private void breakGeneration(long gen) {
        while (true) {
            long w = seg.getLong(OFF_WORD);
            if (w >>> 32 != gen || (w & BROKEN) != 0 || seg.casLong(OFF_WORD, w, w | BROKEN)) {
                break;
            }
        }
        changed.signal();
    }

    /**
     * Puts the barrier in the broken state: current and future waiters fail with
     * {@link UncheckedBrokenBarrierException} until {@link #reset()}. Never blocks.
     */
    public void abort() {
        checkOpen();
        breakGeneration(seg.getLong(OFF_WORD) >>> 32);
    }

    /**
     * Returns the barrier to its initial empty state; parties waiting right now get
     * {@link UncheckedBrokenBarrierException}, and so does the last party of the round if it is running the
     * action at that moment (the round then fails for all its parties alike). Does nothing if nobody waits and
     * it is not broken. Never blocks.
     */
    public void reset() {
        checkOpen();
        while (true) {
            long w = seg.getLong(OFF_WORD);
            long gen = w >>> 32;
            if ((w & (COUNT | BROKEN)) == 0) {
                return;
            }
            // Break the round before recording it as reset: a broken round can no longer complete, so the record
            // cannot name a round whose parties were released normally (they would then throw).
            if ((w & BROKEN) == 0 && !seg.casLong(OFF_WORD, w, w | BROKEN)) {
                continue;
            }
            seg.setLong(OFF_RESET_GEN, gen);
            // fails only if a concurrent reset already opened the next round; it must not be reset again
            seg.casLong(OFF_WORD, (w | BROKEN), (gen + 1) << 32);
            changed.signal();
            return;
        }
    }

    /**
     * Returns the number of parties needed to pass the barrier.
     *
     * @return the number of parties
     */
    public int parties() {
        checkOpen();
        return (int) seg.getLong(OFF_PARTIES);
    }

    /**
     * Returns the number of parties currently waiting: a snapshot. Never blocks.
     *
     * @return the number of parties waiting (arrived in this round), 0 while broken
     */
    public int nWaiting() {
        checkOpen();
        long w = seg.getLong(OFF_WORD);
        return (w & BROKEN) != 0 ? 0 : (int) (w & COUNT);
    }

    /**
     * Tells whether the barrier is broken now. Never blocks.
     *
     * @return whether the barrier is broken
     */
    public boolean isBroken() {
        checkOpen();
        return (seg.getLong(OFF_WORD) & BROKEN) != 0;
    }

    /**
     * Serialization replaces this object with the name of its shared memory, never its contents.
     *
     * @return the serialized form
     */
    Object writeReplace() {
        return new SharedHandle(seg, 0, new Attach(action));
    }

    /**
     * Describes the barrier: waiting parties, parties, and whether it is broken.
     *
     * @return a description
     */
    @Override
    public String toString() {
        if (isClosedHere()) return closedDescription();
        return "Barrier[" + seg.name() + ", " + nWaiting() + "/" + parties() + (isBroken() ? ", broken]" : "]");
    }

    /** How a {@code Barrier}'s copy attaches, with its action (a copy runs in each process), or null. */
    private record Attach(Action action) implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new Barrier(seg, action);
        }
    }
}
