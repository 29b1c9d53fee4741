package io.procbook.mp;

import io.procbook.mp.internal.Transit;
import io.procbook.mp.internal.shm.Segment;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The serialized form of every shared object of this package: the name of its shared-memory file (plus an
 * offset for objects embedded in another's file), never its contents, and the shared type's own
 * {@link Attacher}. Deserializing it in any process attaches that process to the same memory, so a queue passed
 * to a child as an argument, or captured by a lambda, is the same queue there. This class knows none of the
 * shared types: each has its own attacher (a nested {@code Attach} record holding, typed, what that type needs
 * besides the memory).
 *
 * <p>Made inside a {@link Transit} (a child being started), it keeps this process attached to the segment
 * until the transit's release, so that the child can open its copy even after this process closed its own
 * object: the child's copy is the child's, as a forked child's descriptors are.
 */
final class SharedHandle implements Serializable {

    private static final long serialVersionUID = 2L;

    /** How one shared type attaches a process to its memory; serialized with the handle. */
    interface Attacher extends Serializable {

        /**
         * Builds this process's object on the segment just opened; a failure releases the segment.
         *
         * @param seg    the shared memory, opened for this object
         * @param offset the offset the handle was made with
         * @return the attached object
         */
        Object attach(Segment seg, int offset);
    }

    private final String name;
    private final int offset;
    private final Attacher attacher;

    SharedHandle(Segment seg, int offset, Attacher attacher) {
        this.name = seg.name();
        this.offset = offset;
        this.attacher = attacher;
        Transit transit = Transit.current();
        if (transit != null) {
            seg.retain();
            if (!transit.onRelease(seg, seg::release)) {
                seg.release(); // attached for this transit already
            }
        }
    }

    private Object readResolve() throws ObjectStreamException {
        Segment seg = Segment.open(name);
        try {
            return attacher.attach(seg, offset);
        } catch (RuntimeException e) {
            seg.release();
            throw e;
        }
    }
}
