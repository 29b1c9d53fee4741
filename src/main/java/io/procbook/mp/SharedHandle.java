package io.procbook.mp;

import io.procbook.mp.internal.Transit;
import io.procbook.mp.internal.shm.Segment;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * What the serialization proxies of this package's shared objects have in common: the name of the
 * shared-memory file (plus an offset for objects embedded in another's file), never its contents.
 * Deserializing a proxy in any process attaches that process to the same memory, so a queue passed to a
 * child as an argument, or captured by a lambda, is the same queue there. Each shared type has its own
 * proxy (a nested {@code SerializationProxy}) that holds what that type needs besides the memory, typed,
 * and {@link #attach attaches} it; this class knows none of them.
 *
 * <p>Made inside a {@link Transit} (a child being started), a proxy keeps this process attached to the
 * segment until the transit's release, so that the child can open its copy even after this process closed
 * its own object: the child's copy is the child's, as a forked child's descriptors are.
 */
abstract class SharedHandle implements Serializable {

    private static final long serialVersionUID = 2L;

    private final String name;
    private final int offset;

    SharedHandle(Segment seg, int offset) {
        this.name = seg.name();
        this.offset = offset;
        Transit transit = Transit.current();
        if (transit != null) {
            seg.retain();
            if (!transit.onRelease(seg, seg::release)) {
                seg.release(); // attached for this transit already
            }
        }
    }

    /**
     * Builds this process's object on the segment just opened; a failure releases the segment.
     *
     * @param seg    the shared memory, opened for this object
     * @param offset the offset the proxy was made with
     * @return the attached object
     */
    abstract Object attach(Segment seg, int offset);

    /** Serialization: the proxy read becomes the object attached to the same memory. */
    final Object readResolve() throws ObjectStreamException {
        Segment seg = Segment.open(name);
        try {
            return attach(seg, offset);
        } catch (RuntimeException e) {
            seg.release();
            throw e;
        }
    }
}
