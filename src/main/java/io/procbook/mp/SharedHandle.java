package io.procbook.mp;

import io.procbook.mp.internal.Transit;
import io.procbook.mp.internal.shm.Segment;
import java.io.ObjectStreamException;
import java.io.Serializable;

/**
 * The serialized form of every shared object of this package: the name of its shared-memory file (plus an
 * offset for objects embedded in another's file, and a kind-specific extra), never its contents. Deserializing
 * it in any process attaches that process to the same memory, so a queue passed to a child as an argument, or
 * captured by a lambda, is the same queue there.
 *
 * <p>Made inside a {@link Transit} (a child being started), it keeps this process attached to the segment
 * until the transit's release, so that the child can open its copy even after this process closed its own
 * object: the child's copy is the child's, as a forked child's descriptors are.
 */
final class SharedHandle implements Serializable {

    private static final long serialVersionUID = 1L;

    enum Kind { QUEUE, SIMPLE_QUEUE, JOINABLE_QUEUE, CONNECTION, VALUE, ARRAY, LOCK, RLOCK, SEMAPHORE,
        BOUNDED_SEMAPHORE, EVENT, CONDITION, BARRIER }

    final Kind kind;
    final String name;
    final int offset;
    final Serializable extra;

    SharedHandle(Kind kind, Segment seg, int offset, Serializable extra) {
        this.kind = kind;
        this.name = seg.name();
        this.offset = offset;
        this.extra = extra;
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
            switch (kind) {
                case QUEUE:
                    return new Queue<>(seg);
                case SIMPLE_QUEUE:
                    return new SimpleQueue<>(seg);
                case JOINABLE_QUEUE:
                    return new JoinableQueue<>(seg);
                case CONNECTION:
                    return Connection.attach(seg, offset, (Long) extra);
                case VALUE:
                    return Value.attach(seg);
                case ARRAY:
                    return Array.attach(seg);
                case LOCK:
                    return new Lock(seg, offset);
                case RLOCK:
                    return new RLock(seg, offset);
                case SEMAPHORE:
                    return new Semaphore(seg, offset);
                case BOUNDED_SEMAPHORE:
                    return new BoundedSemaphore(seg, offset);
                case EVENT:
                    return new Event(seg);
                case CONDITION:
                    return new Condition(seg, (SharedLock) extra);
                case BARRIER:
                    return new Barrier(seg, (Barrier.Action) extra);
                default:
                    throw new IllegalStateException("unknown shared kind " + kind);
            }
        } catch (RuntimeException e) {
            seg.release();
            throw e;
        }
    }
}
