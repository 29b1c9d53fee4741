package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.time.Duration;

/**
 * A flag that threads and processes can wait for: Python's {@code multiprocessing.Event}. {@link #set()}
 * releases every waiter, present and future, until {@link #clear()}. (Python's {@code wait()} is
 * {@link #await()} here: {@code Object.wait} cannot be redefined.) Waiting spins briefly, then sleeps at no CPU
 * cost until {@code set}. A waiter that wakes re-checks the flag, so a {@link #set()} followed at once by
 * {@link #clear()} may release none of the sleeping waiters (Python's {@code Event.wait()} without a timeout
 * returns after any {@code set}).
 *
 * <p>Thread- and process-safe; serializes as its name, so a copy received by a child is the same event. Its
 * shared memory is removed once every process using it has closed it or exited; a process that dies leaves
 * the flag as it was.
 */
public final class Event extends SharedObject {

    private static final long serialVersionUID = 1L;

    private static final int OFF_FLAG = Segment.HEADER;

    private final transient WaitArea changed;

    /**
     * Creates a cleared event in new shared memory.
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public Event() {
        this(Segment.create(64 + WaitArea.BYTES));
    }

    Event(Segment seg) {
        super(seg);
        this.changed = new WaitArea(seg, OFF_FLAG + 64);
    }

    /** Sets the flag and wakes every waiter, in every process. Never blocks. */
    public void set() {
        checkOpen();
        seg.setLong(OFF_FLAG, 1);
        changed.signal();
    }

    /** Clears the flag; later {@code await} calls wait again. Never blocks. */
    public void clear() {
        checkOpen();
        seg.setLong(OFF_FLAG, 0);
    }

    /**
     * Tells whether the flag is set now. Never blocks.
     *
     * @return whether the flag is set
     */
    public boolean isSet() {
        checkOpen();
        return seg.getLong(OFF_FLAG) != 0;
    }

    /**
     * Waits until the flag is set (returns at once if it is), with no time limit. The wait is interruptible.
     *
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     */
    public void await() {
        checkOpen();
        Waits.await(this::isSet, Blocking.NO_DEADLINE, null, changed);
    }

    /**
     * Waits at most {@code timeout} for the flag. The wait is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative only checks
     * @return whether the flag is set (false means the timeout elapsed)
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     */
    public boolean await(Duration timeout) {
        checkOpen();
        return Waits.await(this::isSet, Blocking.deadline(timeout), null, changed);
    }

    /**
     * Serialization replaces this object with the name of its shared memory, never its contents.
     *
     * @return the serialized form
     */
    Object writeReplace() {
        return new SharedHandle(seg, 0, new Attach());
    }

    /**
     * Describes the event and whether it is set.
     *
     * @return a description
     */
    @Override
    public String toString() {
        if (isClosedHere()) return closedDescription();
        return "Event[" + seg.name() + (isSet() ? ", set]" : ", clear]");
    }

    /** How an {@code Event}'s copy attaches. */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new Event(seg);
        }
    }
}
