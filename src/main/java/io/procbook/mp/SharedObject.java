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
     * <p>After {@code close()} this process must not use the object. That is not checked: its methods do not
     * throw, they go on using this process's mapping of the memory, which is no longer shared with processes
     * that open the object later (there are none once the file is removed). Sending a closed object to a child
     * being started throws {@link IllegalStateException}.
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
}
