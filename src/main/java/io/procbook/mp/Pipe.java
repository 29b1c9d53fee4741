package io.procbook.mp;

import io.procbook.mp.internal.shm.MessageRing;
import io.procbook.mp.internal.shm.Segment;

/**
 * A pair of connected {@link Connection}s: Python's {@code multiprocessing.Pipe()}. What one end sends, the
 * other receives, in order. Duplex pipes (the default) carry messages both ways; for a one-way pipe,
 * {@link #left()} can only receive and {@link #right()} can only send (Python's {@code Pipe(False)} returns
 * them in that order).
 *
 * <p>The data path is two message rings in shared memory (1,024 messages of buffer per direction; a sender
 * waits when its direction is full, as with an OS pipe). Pass an end to a child process as an argument or in a
 * lambda; it is the same end there.
 *
 * <p>A {@code Pipe} is only the pair: immutable, safe to share between threads, and not itself Serializable
 * (send its ends, which are). Closing is per end, with {@link Connection#close()}; the shared memory is removed
 * once every process holding either end has closed it or exited.
 */
public final class Pipe {

    static final int RING_CAPACITY = 1024;
    /**
     * Body layout: per end, a holder table ({@link #HOLDERS_BYTES}) then the total of its counts on its own
     * line (so waiters poll one word, not the table); the duplex flag; then the rings.
     */
    static final int OFF_HOLDERS = Segment.HEADER;
    static final int HOLDERS_BYTES = 256;
    static final int END_BYTES = HOLDERS_BYTES + 64;
    static final int OFF_DUPLEX = OFF_HOLDERS + 2 * END_BYTES;
    static final int OFF_RING0 = Segment.HEADER + 1024;
    static final int OFF_RING1 = (int) (OFF_RING0 + MessageRing.bytes(RING_CAPACITY));

    /** The first end. */
    private final Connection left;
    /** The second end. */
    private final Connection right;

    private Pipe(Connection left, Connection right) {
        this.left = left;
        this.right = right;
    }

    /**
     * Creates a duplex pipe, in new shared memory.
     *
     * @return the pipe; this process holds both ends
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static Pipe create() {
        return create(true);
    }

    /**
     * Creates a pipe, in new shared memory.
     *
     * @param duplex true for two-way; false for left receives only, right sends only
     * @return the pipe; this process holds both ends
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static Pipe create(boolean duplex) {
        Segment seg = Segment.create(OFF_RING1 - Segment.HEADER + MessageRing.bytes(RING_CAPACITY));
        MessageRing.init(seg, OFF_RING0, RING_CAPACITY);
        MessageRing.init(seg, OFF_RING1, RING_CAPACITY);
        seg.setLong(OFF_DUPLEX, duplex ? 1 : 0);
        seg.retain();
        return new Pipe(Connection.attach(seg, 0, 0L), Connection.attach(seg, 1, 0L));
    }

    /**
     * Returns the first end (Python's {@code conn1}); receive-only if the pipe is not duplex.
     *
     * @return the first end
     */
    public Connection left() {
        return left;
    }

    /**
     * Returns the second end (Python's {@code conn2}); send-only if the pipe is not duplex.
     *
     * @return the second end
     */
    public Connection right() {
        return right;
    }

    /**
     * Describes both ends.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "Pipe[" + left + ", " + right + "]";
    }
}
