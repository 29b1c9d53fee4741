package io.procbook.mp;

import io.procbook.mp.internal.shm.MessageRing;
import io.procbook.mp.internal.shm.Segment;

/**
 * A pair of connected {@link Connection}s: Python's {@code multiprocessing.Pipe()}. What one end sends, the
 * other receives, in order. The ends are named for what they do in a one-way pipe ({@link #oneWay()},
 * Python's {@code Pipe(duplex=False)}): {@link #receiver()} can only receive and {@link #sender()} can only
 * send, and Python returns them in that order ({@code receiver, sender = Pipe(False)}). In a duplex pipe
 * ({@link #create()}, the default) both ends send and receive; the names then only tell them apart:
 *
 * <pre>{@code
 * Pipe pipe = Pipe.create();                           // parent_conn, child_conn = Pipe()
 * Connection parentConn = pipe.receiver();
 * var child = new Process(conn -> conn.send(List.of(1, 2)), pipe.sender());
 * child.start();
 * pipe.sender().close();                               // this process does not use the child's end
 * Object got = parentConn.recv();                     // [1, 2]
 * }</pre>
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

    /** The first end (Python's {@code conn1}): receive-only in a one-way pipe. */
    private final Connection receiver;
    /** The second end (Python's {@code conn2}): send-only in a one-way pipe. */
    private final Connection sender;

    private Pipe(Connection receiver, Connection sender) {
        this.receiver = receiver;
        this.sender = sender;
    }

    /**
     * Creates a duplex pipe, in new shared memory.
     *
     * @return the pipe; this process holds both ends
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static Pipe create() {
        return make(true);
    }

    /**
     * Creates a one-way pipe, in new shared memory (Python's {@code Pipe(duplex=False)}): messages go from
     * {@link #sender()} to {@link #receiver()} only.
     *
     * @return the pipe; this process holds both ends
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public static Pipe oneWay() {
        return make(false);
    }

    /**
     * Creates a pipe, in new shared memory.
     *
     * @param duplex true for two-way; false for one-way, as {@link #oneWay()}
     * @return the pipe; this process holds both ends
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     * @deprecated a bare {@code true} or {@code false} does not say what it chooses: use {@link #create()} or
     *             {@link #oneWay()}
     */
    @Deprecated
    public static Pipe create(boolean duplex) {
        return make(duplex);
    }

    private static Pipe make(boolean duplex) {
        Segment seg = Segment.create(OFF_RING1 - Segment.HEADER + MessageRing.bytes(RING_CAPACITY));
        MessageRing.init(seg, OFF_RING0, RING_CAPACITY);
        MessageRing.init(seg, OFF_RING1, RING_CAPACITY);
        seg.setLong(OFF_DUPLEX, duplex ? 1 : 0);
        seg.retain();
        return new Pipe(Connection.attach(seg, 0, 0L), Connection.attach(seg, 1, 0L));
    }

    /**
     * Returns the receiving end: the first of Python's pair ({@code conn1}); it can only receive if the pipe is
     * one-way, and can also send if it is duplex.
     *
     * @return the first end
     */
    public Connection receiver() {
        return receiver;
    }

    /**
     * Returns the sending end: the second of Python's pair ({@code conn2}); it can only send if the pipe is
     * one-way, and can also receive if it is duplex.
     *
     * @return the second end
     */
    public Connection sender() {
        return sender;
    }

    /**
     * Returns the first end, as {@link #receiver()} does.
     *
     * @return the first end
     * @deprecated the name does not say what the end does: use {@link #receiver()}
     */
    @Deprecated
    public Connection left() {
        return receiver;
    }

    /**
     * Returns the second end, as {@link #sender()} does.
     *
     * @return the second end
     * @deprecated the name does not say what the end does: use {@link #sender()}
     */
    @Deprecated
    public Connection right() {
        return sender;
    }

    /**
     * Describes both ends.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "Pipe[" + receiver + ", " + sender + "]";
    }
}
