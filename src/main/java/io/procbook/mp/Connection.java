package io.procbook.mp;

import io.procbook.mp.internal.Transit;
import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.MessageRing;
import io.procbook.mp.internal.shm.Pids;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}. {@link #send} copies an
 * object (directly for scalars, strings and byte arrays, else by Java serialization) into shared memory;
 * {@link #recv} takes the next one, in order.
 *
 * <p>End of file works like a file descriptor's: each process that has this end (it created the pipe, or
 * received the end as an argument) holds it until it calls {@link #close()} or exits. When no living process
 * holds the other end any more and every message has been received, {@link #recv} throws
 * {@link PipeEOFException} instead of waiting forever (Python's EOFError), and {@link #send} throws
 * {@link java.io.UncheckedIOException} (Python's BrokenPipeError). As in Python, a process that keeps its copy
 * of the other end open keeps the pipe alive: close the ends you do not use. A holder that exits or is
 * killed without closing is noticed within about 100 ms by whoever waits on the other end.
 *
 * <p>A child's copies are the child's, like a forked child's descriptors: an end sent to a {@link Process}
 * (as an argument, captured by a lambda, or as a notebook variable its code reads) is held for that child
 * from {@code start()} until the child closes its copy or exits, even if the child never opens it; an end
 * sent to a {@link Pool}'s workers is held until the pool has ended. The parent's own {@code close()} is
 * independent of those copies.
 *
 * <p>Both ends may be used by several threads, and (unlike Python) by several processes, at once: messages are
 * never torn or duplicated. Serializes as a name: the receiving process becomes a holder of the same end. An
 * end sent through a queue or another pipe is held for its receiver by the sending process until someone opens
 * the copy, or until the sending process exits.
 *
 * <p>Blocking methods spin briefly, then sleep at no CPU cost until woken; they have no time limit unless given
 * one, and are interruptible: an interrupt while waiting throws {@link UncheckedInterruptedException} with the
 * interrupt flag set again. After {@link #close()} in this process, {@code send}, {@code recv} and
 * {@code poll} throw {@link IllegalStateException}.
 */
public final class Connection extends SharedObject {

    private static final long serialVersionUID = 1L;

    private static final Object EOF = new Object();
    private static final int HOLDER_ENTRIES = Pipe.HOLDERS_BYTES / 8;

    private final transient int end;
    private final transient MessageRing in;
    private final transient MessageRing out;
    private final transient boolean readable;
    private final transient boolean writable;

    private Connection(Segment seg, int end) {
        super(seg);
        this.end = end;
        boolean duplex = seg.getLong(Pipe.OFF_DUPLEX) != 0;
        // ring 0 carries left -> right, ring 1 right -> left; a one-way pipe uses ring 1 only
        this.out = new MessageRing(seg, end == 0 ? Pipe.OFF_RING0 : Pipe.OFF_RING1);
        this.in = new MessageRing(seg, end == 0 ? Pipe.OFF_RING1 : Pipe.OFF_RING0);
        this.readable = duplex || end == 0;
        this.writable = duplex || end == 1;
    }

    /**
     * Makes this process a holder of {@code end}; {@code handOver} (nonzero for a deserialized end that hands
     * over) is the holder key under which {@link #writeReplace()} took a hold for this copy.
     */
    static Connection attach(Segment seg, int end, long handOver) {
        Connection c = new Connection(seg, end);
        c.addHold(Pids.SELF, 1);
        if (handOver != 0) {
            c.addHold(handOver, -1);
        }
        return c;
    }

    /**
     * Holder keys are 32 bits: a pid in the low {@link Pids#BITS}, and above it the tag of the
     * {@link Transit} the hold was taken for (0 for a process's own hold). A key lives as long as its pid.
     */
    private static long key(long pid, int transitTag) {
        return pid | (long) transitTag << Pids.BITS;
    }

    private static boolean keyAlive(long key) {
        return Pids.alive(key & ((1L << Pids.BITS) - 1));
    }

    private int holders(int e) {
        return Pipe.OFF_HOLDERS + e * Pipe.END_BYTES;
    }

    private int total(int e) {
        return holders(e) + Pipe.HOLDERS_BYTES;
    }

    /** Adds delta to the hold count of a holder key on this end; entries are {@code key << 32 | count}. */
    private void addHold(long pid, int delta) {
        int base = holders(end);
        while (true) {
            int free = -1;
            boolean raced = false;
            for (int i = 0; i < HOLDER_ENTRIES; i++) {
                int e = base + 8 * i;
                long v = seg.getLong(e);
                if (v >>> 32 == pid) {
                    long n = (v & 0xFFFFFFFFL) + delta;
                    if (seg.casLong(e, v, n <= 0 ? 0 : pid << 32 | n)) {
                        seg.getAndAddLong(total(end), Math.max(n, 0) - (v & 0xFFFFFFFFL));
                        return;
                    }
                    raced = true;
                    break;
                }
                if (free < 0 && (v == 0 || !keyAlive(v >>> 32))) {
                    free = e;
                }
            }
            if (raced) {
                continue;
            }
            if (delta <= 0) {
                return; // nothing held by pid (a transit hold already handed over)
            }
            if (free < 0) {
                throw new IllegalStateException("too many processes hold this pipe end (" + HOLDER_ENTRIES + ")");
            }
            long old = seg.getLong(free);
            if ((old == 0 || !keyAlive(old >>> 32)) && seg.casLong(free, old, pid << 32 | delta)) {
                seg.getAndAddLong(total(end), delta - (old & 0xFFFFFFFFL));
                return;
            }
        }
    }

    /** Cheap check used in wait loops (one word): nobody holds the other end. */
    private boolean peerClosed() {
        return seg.getLong(total(1 - end)) <= 0;
    }

    /** Run while asleep: clears the other end's entries of dead processes, so that peerClosed() sees them. */
    private void forgetDeadPeers() {
        int base = holders(1 - end);
        for (int i = 0; i < HOLDER_ENTRIES; i++) {
            int e = base + 8 * i;
            long v = seg.getLong(e);
            if (v != 0 && !keyAlive(v >>> 32) && seg.casLong(e, v, 0)) {
                seg.getAndAddLong(total(1 - end), -(v & 0xFFFFFFFFL));
            }
        }
    }

    /** Drops every hold of one holder key on this end, and wakes whoever waits on the other end. */
    private void dropHolds(long key) {
        int base = holders(end);
        for (int i = 0; i < HOLDER_ENTRIES; i++) {
            int e = base + 8 * i;
            long v;
            while ((v = seg.getLong(e)) >>> 32 == key) {
                if (seg.casLong(e, v, 0)) {
                    seg.getAndAddLong(total(end), -(v & 0xFFFFFFFFL));
                    break;
                }
            }
        }
        wakePeers();
    }

    /** A receiver waiting on the other end must notice an end of file, a blocked sender the broken pipe. */
    private void wakePeers() {
        out.notEmpty().signal();
        in.notFull().signal();
    }

    private void checkReadable() {
        checkOpen();
        if (!readable) {
            throw new IllegalStateException("connection is write-only (the sending end of a one-way pipe)");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (!writable) {
            throw new IllegalStateException("connection is read-only (the receiving end of a one-way pipe)");
        }
    }

    /**
     * Sends an object to the other end, waiting with no time limit while its buffer (1,024 messages) is full,
     * until there is room or no process holds the other end any more. The wait is interruptible. The object
     * is serialized in the calling thread before any waiting.
     *
     * @param obj the object; may be null
     * @throws IllegalArgumentException      if the object is not Serializable
     * @throws java.io.UncheckedIOException  if the other end is closed everywhere (broken pipe), or the object
     *                                       cannot be serialized for another reason
     * @throws IllegalStateException         if this end was closed in this process, or is read-only
     * @throws UncheckedInterruptedException if interrupted while waiting; the object was not sent
     */
    public void send(Object obj) {
        checkWritable();
        put(out.encode(obj));
    }

    /**
     * Sends a whole byte array as raw bytes; see {@link #sendBytes(byte[], int, int)}.
     *
     * @param buf the bytes, copied
     * @throws NullPointerException          if {@code buf} is null
     * @throws java.io.UncheckedIOException  if the other end is closed everywhere (broken pipe)
     * @throws IllegalStateException         if this end was closed in this process, or is read-only
     * @throws UncheckedInterruptedException if interrupted while waiting for room; nothing was sent
     */
    public void sendBytes(byte[] buf) {
        sendBytes(buf, 0, buf.length);
    }

    /**
     * Sends {@code len} bytes of {@code buf} from {@code off} as one raw message (no serialization). Waits as
     * {@link #send} does while the buffer is full.
     *
     * @param buf the bytes, copied
     * @param off where the message starts in {@code buf}
     * @param len how many bytes it has
     * @throws IndexOutOfBoundsException     if the range is outside the array
     * @throws NullPointerException          if {@code buf} is null
     * @throws java.io.UncheckedIOException  if the other end is closed everywhere (broken pipe)
     * @throws IllegalStateException         if this end was closed in this process, or is read-only
     * @throws UncheckedInterruptedException if interrupted while waiting for room; nothing was sent
     */
    public void sendBytes(byte[] buf, int off, int len) {
        checkWritable();
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        put(out.encodeBytes(buf, off, len));
    }

    private void put(MessageRing.Outgoing msg) {
        if (peerClosed()) {
            msg.discard();
            throw brokenPipe();
        }
        if (!Waits.put(out, msg, Blocking.NO_DEADLINE, this::peerClosed, this::forgetDeadPeers)) {
            throw brokenPipe();
        }
    }

    private static java.io.UncheckedIOException brokenPipe() {
        return new java.io.UncheckedIOException("broken pipe: the other end is closed",
                new java.io.IOException("broken pipe"));
    }

    /**
     * Receives the next object, waiting with no time limit as long as none is there and some process holds
     * the other end. The wait is interruptible. A holder that died without closing is noticed within about
     * 100 ms.
     *
     * @return the object (a {@code byte[]} if it was sent with {@link #sendBytes})
     * @throws PipeEOFException              if nothing is left and the other end is closed everywhere
     * @throws IllegalStateException         if this end was closed in this process, or is write-only, or the
     *                                       object's class cannot be loaded here (the message is then consumed)
     * @throws java.io.UncheckedIOException  if the message cannot be deserialized (it is then consumed)
     * @throws UncheckedInterruptedException if interrupted while waiting; nothing was received
     */
    public Object recv() {
        checkReadable();
        Object m = Waits.take(in, Blocking.NO_DEADLINE, this::peerClosed, EOF, this::forgetDeadPeers);
        if (m == EOF) {
            throw new PipeEOFException("end of file: the other end of the pipe is closed and every message"
                    + " sent has been received");
        }
        return m;
    }

    /**
     * Receives the next message, which must have been sent with {@link #sendBytes} (or be a {@code byte[]}
     * sent with {@link #send}). Waits as {@link #recv()} does.
     *
     * @return the bytes
     * @throws PipeEOFException              if nothing is left and the other end is closed everywhere
     * @throws IllegalStateException         if the message is some other object sent with {@link #send} (it is
     *                                       consumed), or this end was closed in this process, or is write-only
     * @throws UncheckedInterruptedException if interrupted while waiting; nothing was received
     */
    public byte[] recvBytes() {
        Object m = recv();
        if (m instanceof byte[]) {
            return (byte[]) m;
        }
        throw new IllegalStateException("recvBytes() received a " + (m == null ? "null" : m.getClass().getName())
                + " sent with send(), not bytes");
    }

    /**
     * Tells whether {@link #recv()} would return or throw right now without waiting. Never blocks.
     *
     * @return whether a message is there, or the pipe is at end of file
     * @throws IllegalStateException if this end was closed in this process, or is write-only
     */
    public boolean poll() {
        checkReadable();
        if (readyNow()) {
            return true;
        }
        forgetDeadPeers(); // a holder that died without closing is no holder
        return readyNow();
    }

    /**
     * Waits at most {@code timeout} until a message can be received, or the pipe is at end of file (then
     * {@link #recv()} throws at once). The wait is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative only checks
     * @return whether {@code recv} would now return or throw without waiting
     * @throws IllegalStateException         if this end was closed in this process, or is write-only
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     */
    public boolean poll(Duration timeout) {
        return poll() || Waits.await(this::readyNow, Blocking.deadline(timeout), this::tick, in.notEmpty());
    }

    private boolean readyNow() {
        return !in.isEmpty() || peerClosed();
    }

    private void tick() {
        in.recover();
        forgetDeadPeers();
    }

    /**
     * Waits until at least one of {@code connections} is ready to receive (a message or end of file), or the
     * timeout elapses. Python's {@code multiprocessing.connection.wait}. The wait is interruptible. With no
     * connections it just waits for the timeout (forever, if there is none).
     *
     * @param connections the ends to watch; copied
     * @param timeout     how long to wait at most; {@code null} for no limit; zero or negative only checks
     * @return a new list of the ready connections, in the given order; empty on timeout
     * @throws IllegalStateException         if one of them is closed in this process or write-only
     * @throws NullPointerException          if {@code connections} or one of its elements is null
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     */
    public static List<Connection> wait(Collection<Connection> connections, Duration timeout) {
        List<Connection> all = new ArrayList<>(connections);
        WaitArea[] areas = new WaitArea[all.size()];
        for (int i = 0; i < areas.length; i++) {
            all.get(i).checkReadable();
            areas[i] = all.get(i).in.notEmpty();
        }
        Waits.await(() -> all.stream().anyMatch(Connection::readyNow), Blocking.deadline(timeout),
                () -> all.forEach(Connection::tick), areas);
        List<Connection> ready = new ArrayList<>();
        for (Connection c : all) {
            if (c.readyNow()) {
                ready.add(c);
            }
        }
        return ready;
    }

    /**
     * Tells whether this end can receive.
     *
     * @return true for either end of a duplex pipe and for the left end of a one-way pipe
     */
    public boolean readable() {
        return readable;
    }

    /**
     * Tells whether this end can send.
     *
     * @return true for either end of a duplex pipe and for the right end of a one-way pipe
     */
    public boolean writable() {
        return writable;
    }

    /**
     * Tells whether {@link #close()} was called on this object, in this process (other processes' copies may
     * be open).
     *
     * @return whether this process closed its end
     */
    public boolean closed() {
        return isClosedHere();
    }

    /**
     * Called once by {@link #close()}: this process stops holding this end. Once no living process holds it,
     * the other end sees end of file (after draining) or a broken pipe.
     */
    @Override
    void beforeRelease() {
        addHold(Pids.SELF, -1);
        wakePeers();
    }

    /**
     * The end travels as a name, with a hold taken for the copy until its receiver holds it itself. Inside a
     * {@link Transit} (a child being started) the hold is the transit's: taken over when the child opens the
     * copy, or given back when the child has exited. Outside one (an end sent through a queue or a pipe) it
     * is this process's, taken over by whoever opens the copy, and gone when this process exits.
     *
     * @return the serialized form
     * @throws IllegalStateException if this end was closed in this process, or too many processes hold it
     */
    Object writeReplace() {
        checkOpen();
        Transit transit = Transit.current();
        int tag = transit == null ? 0 : transit.tag();
        if (tag == 0) {
            addHold(Pids.SELF, 1);
            return new SharedHandle(seg, end, new Attach(Pids.SELF));
        }
        long key = key(Pids.SELF, tag);
        addHold(key, 1); // before registering: a transit released meanwhile gives it back at once
        boolean first = transit.onRelease(List.of(seg, end), () -> dropHolds(key));
        if (transit.handsOver()) {
            return new SharedHandle(seg, end, new Attach(key)); // each opening takes its own
        }
        if (!first) {
            addHold(key, -1); // one hold serves every copy of this transit, until its release
        }
        return new SharedHandle(seg, end, new Attach(0L));
    }

    /**
     * Describes the end: its pipe, which end, and whether it is closed here.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "Connection[" + seg.name() + (end == 0 ? ", left" : ", right") + (isClosedHere() ? ", closed]" : "]");
    }

    /**
     * How a {@code Connection}'s copy attaches to its end ({@code offset}), with the holder key under which the
     * sender took a hold for it (0 if none).
     */
    private record Attach(long handOver) implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return Connection.attach(seg, offset, handOver);
        }
    }
}
