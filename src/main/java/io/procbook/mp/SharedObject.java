package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;
import java.io.Serializable;

/**
 * What every shared object of this package is: this process's view of one shared-memory segment. Objects
 * serialize as a {@link SharedHandle} naming the segment, never as their contents.
 */
abstract class SharedObject implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    final transient Segment seg;
    private transient volatile boolean closed;

    SharedObject(Segment seg) {
        this.seg = seg;
    }

    /**
     * This process stops using the object. Other processes keep using it; its shared memory is removed once
     * every process that used it has closed it or exited (a copy sent to a child counts until that child has
     * exited, so closing right after {@code start()} is safe). Idempotent; never blocks. Close a lock only
     * when it is not held.
     *
     * <p>After {@code close()} every method of the object that reads or changes it throws
     * {@link IllegalStateException} in this process (its mapping of the memory may no longer be shared with the
     * processes that use the object); {@code toString()} still works. Sending a closed object to a child being
     * started throws {@link IllegalStateException} too. A call racing with {@code close()} in another thread
     * may still complete on the old mapping.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        beforeRelease();
        seg.release();
    }

    /** What a subclass must do, once, before this process lets go of the segment. */
    void beforeRelease() {
    }

    /** Whether {@link #close()} was called on this object. */
    final boolean isClosedHere() {
        return closed;
    }

    /**
     * Throws if {@link #close()} was called on this object. One volatile read, so that the hot paths (a
     * {@link Value}'s get and set) can afford it; the throw is out of line so that this stays inlinable.
     */
    final void checkOpen() {
        if (closed) {
            throw closedHere();
        }
    }

    private IllegalStateException closedHere() {
        String type = getClass().getName().substring(getClass().getPackageName().length() + 1).replace('$', '.');
        return new IllegalStateException(type + " is closed in this process");
    }

    /** What {@code toString()} says of an object closed in this process (its memory may be gone). */
    final String closedDescription() {
        return getClass().getSimpleName() + "[" + seg.name() + ", closed]";
    }
}
