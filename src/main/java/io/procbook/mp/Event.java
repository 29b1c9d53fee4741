package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.time.Duration;

/**
 * A flag that threads and processes can wait for: Python's {@code multiprocessing.Event}. {@link #set()}
 * releases every waiter, present and future, until {@link #clear()}. (Python's {@code wait()} is
 * {@link #await()} here: {@code Object.wait} cannot be redefined.) Waiting spins briefly, then sleeps at no CPU
 * cost until {@code set}. Thread- and process-safe; serializes as its name.
 */
public final class Event extends SharedObject {

    private static final long serialVersionUID = 1L;

    private static final int OFF_FLAG = Segment.HEADER;

    private final transient WaitArea changed;

    /** Creates a cleared event in new shared memory. */
    public Event() {
        this(Segment.create(64 + WaitArea.BYTES));
    }

    Event(Segment seg) {
        super(seg);
        this.changed = new WaitArea(seg, OFF_FLAG + 64);
    }

    /** Sets the flag and wakes every waiter. */
    public void set() {
        seg.setLong(OFF_FLAG, 1);
        changed.signal();
    }

    /** Clears the flag; later {@code await} calls wait again. */
    public void clear() {
        seg.setLong(OFF_FLAG, 0);
    }

    /** Whether the flag is set. */
    public boolean isSet() {
        return seg.getLong(OFF_FLAG) != 0;
    }

    /**
     * Waits until the flag is set (returns at once if it is).
     *
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    public void await() {
        Blocking.await(this::isSet, Blocking.NO_DEADLINE, null, changed);
    }

    /**
     * Waits at most {@code timeout} for the flag.
     *
     * @return whether the flag is set (false means the timeout elapsed)
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    public boolean await(Duration timeout) {
        return Blocking.await(this::isSet, Blocking.deadline(timeout), null, changed);
    }

    /**
     * Serialization replaces this object with the name of its shared memory, never its contents.
     *
     * @return the serialized form
     */
    Object writeReplace() {
        return new SharedHandle(SharedHandle.Kind.EVENT, seg, 0, null);
    }

    @Override
    public String toString() {
        return "Event[" + seg.name() + (isSet() ? ", set]" : ", clear]");
    }
}
