package io.procbook.mp.internal.manager;

import io.procbook.mp.UncheckedInterruptedException;
import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.util.function.BooleanSupplier;

/**
 * One direction of a shared-memory manager connection: a byte stream through a ring buffer in a
 * {@link Segment}, with exactly one writing thread and one reading thread at a time (a manager connection is
 * used by one client thread and one server thread, never shared). The position counters only grow: the writer
 * copies bytes in and then publishes {@code head} with a volatile store, the reader copies them out and then
 * publishes {@code tail}; so no lock and no compare-and-set is needed, and a message of any size streams
 * through in ring-sized pieces. Waiting is {@link Blocking#await}: a short spin, yields, then sleep on a
 * {@link WaitArea} until the other side signals.
 *
 * <p>The other side is another process and may be buggy or hostile: every counter read from shared memory is
 * checked (a head behind the tail, or more than a ring ahead of it, is a corrupt stream and ends the
 * connection), and every index is reduced modulo the ring size, so nothing the peer writes can make this side
 * touch memory outside the ring.
 */
final class ByteRing {

    /** Shared control bytes of one ring: head and tail on cache lines of their own, then two wait areas. */
    static final int CONTROL_BYTES = 128 + 2 * WaitArea.BYTES;

    /** What the ring asks its connection about the two ends. */
    interface Ends {
        /** This side closed the connection (reads and writes fail). */
        boolean closedHere();

        /** The other side closed its end or is known to be gone; cheap, since it is asked while spinning. */
        boolean peerEnded();

        /** Run while asleep (about every 100 ms): notices a peer that died without closing. */
        void watch();
    }

    private final Segment seg;
    private final int head;
    private final int tail;
    private final int data;
    private final int size;
    private final WaitArea notEmpty;
    private final WaitArea notFull;
    /** The areas as Blocking.await's varargs, made once: a call must not allocate an array per wait. */
    private final WaitArea[] awaitNotEmpty;
    private final WaitArea[] awaitNotFull;
    private final Ends ends;
    private final BooleanSupplier readable = this::readable;
    private final BooleanSupplier writable = this::writable;
    private final Runnable watch;
    /** The writer's own copy of head, or the reader's of tail (each side writes only its own counter). */
    private long mine;

    /**
     * @param control offset of {@link #CONTROL_BYTES} zeroed bytes (64-aligned)
     * @param data    offset of the ring's bytes
     * @param size    ring size, a power of two
     */
    ByteRing(Segment seg, int control, int data, int size, Ends ends) {
        if (Integer.bitCount(size) != 1) throw new IllegalArgumentException("ring size must be a power of two");
        this.seg = seg;
        this.head = control;
        this.tail = control + 64;
        this.data = data;
        this.size = size;
        this.notEmpty = new WaitArea(seg, control + 128);
        this.notFull = new WaitArea(seg, control + 128 + WaitArea.BYTES);
        this.awaitNotEmpty = new WaitArea[] {notEmpty};
        this.awaitNotFull = new WaitArea[] {notFull};
        this.ends = ends;
        this.watch = ends::watch;
    }

    /** Wakes whoever waits on this ring, in any process (after a close). */
    void signalAll() {
        notEmpty.signal();
        notFull.signal();
    }

    private boolean readable() {
        return seg.getLong(head) != mine || ends.closedHere() || ends.peerEnded();
    }

    private boolean writable() {
        return mine - seg.getLong(tail) != size || ends.closedHere() || ends.peerEnded();
    }

    /** Bytes that can be read now without waiting. */
    int available() throws IOException {
        return (int) checked(seg.getLong(head) - mine);
    }

    private long checked(long used) throws StreamCorruptedException {
        if (used < 0 || used > size) {
            throw new StreamCorruptedException("corrupt shared-memory ring: " + used + " bytes in a ring of " + size);
        }
        return used;
    }

    /** Waits with no time limit; a proxy call interrupted here throws the public exception into user code. */
    private void await(BooleanSupplier ready, WaitArea[] areas) {
        try {
            Blocking.await(ready, Blocking.NO_DEADLINE, watch, areas);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        }
    }

    /**
     * Reads at least one byte, waiting for it.
     *
     * @return bytes read; -1 when the other side has ended and everything it wrote has been read
     * @throws IOException if this side was closed or the peer corrupted the ring
     * @throws io.procbook.mp.UncheckedInterruptedException if interrupted while waiting
     */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        long used = checked(seg.getLong(head) - mine);
        if (used == 0) {
            await(readable, awaitNotEmpty);
            if (ends.closedHere()) throw new IOException("the manager connection was closed here");
            used = checked(seg.getLong(head) - mine);
            if (used == 0) return -1; // the peer ended: what it wrote before has all been read
        }
        int n = (int) Math.min(used, len);
        int at = (int) (mine & (size - 1));
        int first = Math.min(n, size - at);
        seg.getBytes(data + at, b, off, first);
        seg.getBytes(data, b, off + first, n - first);
        mine += n;
        seg.setLong(tail, mine);
        notFull.signal();
        return n;
    }

    /**
     * Writes all of {@code b[off, off+len)}, waiting for room as the reader drains the ring.
     *
     * @throws EOFException if the other side has ended (nobody will read)
     * @throws IOException  if this side was closed or the peer corrupted the ring
     * @throws io.procbook.mp.UncheckedInterruptedException if interrupted while waiting
     */
    void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (ends.closedHere()) throw new IOException("the manager connection was closed here");
            if (ends.peerEnded()) throw new EOFException("the other side of the manager connection has ended");
            long room = size - checked(mine - seg.getLong(tail));
            if (room == 0) {
                await(writable, awaitNotFull);
                continue;
            }
            int n = (int) Math.min(room, len);
            int at = (int) (mine & (size - 1));
            int first = Math.min(n, size - at);
            seg.putBytes(data + at, b, off, first);
            seg.putBytes(data, b, off + first, n - first);
            mine += n;
            seg.setLong(head, mine);
            notEmpty.signal();
            off += n;
            len -= n;
        }
    }

    /** The reading end as a stream (this side must only read this ring). */
    InputStream input() {
        return new InputStream() {
            private final byte[] one = new byte[1];

            @Override
            public int read() throws IOException {
                return ByteRing.this.read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                return ByteRing.this.read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return ByteRing.this.available();
            }
        };
    }

    /** The writing end as a stream (this side must only write this ring). */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                ByteRing.this.write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                ByteRing.this.write(b, off, len);
            }
        };
    }
}
