package io.procbook.mp.internal.shm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * A bounded multi-producer multi-consumer ring of messages in shared memory; the data path of Queue, SimpleQueue
 * and each direction of a Pipe.
 *
 * <p>Protocol (after Vyukov's bounded MPMC queue, made robust to processes that die mid-operation). Positions
 * {@code head} (next put) and {@code tail} (next get) only grow. Position {@code p} lives in slot
 * {@code p % capacity}, on lap {@code p / capacity}. Each slot has one 64-bit word {@code lap:40 | state:2 |
 * pid:22} with states EMPTY (free for lap), WRITING (claimed by producer pid), FULL (message of lap ready),
 * READING (claimed by consumer pid). A producer CASes EMPTY(lap) to WRITING(lap, me) and only then moves
 * {@code head}; a consumer CASes FULL(lap) to READING(lap, me) and only then moves {@code tail}. Because the
 * claim itself names the claimer, anyone who finds a position claimed but the counter not yet moved helps move
 * it, and anyone who finds a claim by a dead process can undo it:
 * <ul>
 *   <li>a consumer killed after claiming: its slot stays READING; a producer waiting for that slot sees the
 *       dead pid and frees it. Lost: exactly the message that consumer had claimed, nothing else;</li>
 *   <li>a producer killed mid-write: a consumer waiting at that slot sees WRITING by a dead pid and skips it.
 *       Lost: only the message that was never completely sent;</li>
 *   <li>a process killed while merely waiting holds nothing.</li>
 * </ul>
 * Zero-filled memory is EMPTY(lap 0) everywhere, so creating a ring touches no slot pages.
 *
 * <p>Slots are 128 bytes: scalars and payloads up to 112 bytes are copied inline; larger payloads are written
 * to a spill file named in the slot (no size limit; the consumer deletes it, and the spill files of a removed
 * segment are deleted with it).
 */
public final class MessageRing {

    /** Returned by non-blocking takes when there is nothing to take. */
    public static final Object NONE = new Object();

    private static final int SLOT = 128;
    private static final int INLINE = SLOT - 16;
    private static final int OFF_HEAD = 0;
    private static final int OFF_TAIL = 64;
    private static final int OFF_CAP = 128;
    private static final int OFF_NOT_EMPTY = 192;
    private static final int OFF_NOT_FULL = OFF_NOT_EMPTY + WaitArea.BYTES;
    private static final int OFF_SLOTS = 768;

    private static final long EMPTY = 0;
    private static final long WRITING = 1;
    private static final long FULL = 2;
    private static final long READING = 3;
    private static final long PID_MASK = (1L << Pids.BITS) - 1;
    private static final long ME = Pids.SELF & PID_MASK;

    private final Segment seg;
    private final int base;
    private final long cap;
    /** log2(cap) when cap is a power of two (index and lap by shift and mask, not division), else -1. */
    private final int shift;
    private final WaitArea notEmpty;
    private final WaitArea notFull;

    /** Shared bytes needed for a ring of {@code capacity} slots. */
    public static long bytes(int capacity) {
        return OFF_SLOTS + (long) SLOT * capacity;
    }

    /** Writes the capacity of a new ring (creator only, before the segment's name is handed out). */
    public static void init(Segment seg, int base, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        seg.setLong(base + OFF_CAP, capacity);
    }

    /** Views the ring at {@code base} of {@code seg}. */
    public MessageRing(Segment seg, int base) {
        this.seg = seg;
        this.base = base;
        this.cap = seg.getLong(base + OFF_CAP);
        this.shift = Long.bitCount(cap) == 1 ? Long.numberOfTrailingZeros(cap) : -1;
        this.notEmpty = new WaitArea(seg, base + OFF_NOT_EMPTY);
        this.notFull = new WaitArea(seg, base + OFF_NOT_FULL);
    }

    private static long word(long lap, long state, long pid) {
        return lap << 24 | state << 22 | pid;
    }

    private static long lapOf(long w) {
        return w >>> 24;
    }

    private static long stateOf(long w) {
        return (w >>> 22) & 3;
    }

    private static long pidOf(long w) {
        return w & PID_MASK;
    }

    /** Signed distance between two 40-bit laps. */
    private static long lapDiff(long a, long b) {
        return ((a - b) << 24) >> 24;
    }

    private int slot(long pos) {
        return base + OFF_SLOTS + (int) (shift >= 0 ? pos & (cap - 1) : pos % cap) * SLOT;
    }

    private long lap(long pos) {
        return (shift >= 0 ? pos >>> shift : pos / cap) & ((1L << 40) - 1);
    }

    /** Capacity in messages. */
    public int capacity() {
        return (int) cap;
    }

    /** Messages put and not yet taken; exact only when no operation is in flight. */
    public long size() {
        long t = seg.getLong(base + OFF_TAIL);
        long h = seg.getLong(base + OFF_HEAD);
        return Math.max(0, Math.min(cap, h - t));
    }

    /** Where producers signal consumers. */
    public WaitArea notEmpty() {
        return notEmpty;
    }

    /** Where consumers signal producers. */
    public WaitArea notFull() {
        return notFull;
    }

    // ---- put ----------------------------------------------------------------------------------------------

    /** A message encoded and, if large, already spilled: ready to be claimed into a slot. */
    public final class Outgoing {
        final MessageCodec.Encoded enc;
        final long spill;

        Outgoing(MessageCodec.Encoded enc) {
            this.enc = enc;
            this.spill = enc.bytes != null && enc.bytes.length > INLINE ? writeSpill(enc.bytes) : 0;
        }

        /** Removes the spill file of a message that was never put (timeout). */
        public void discard() {
            if (spill != 0) {
                try {
                    Files.deleteIfExists(ShmDir.spillPath(seg.name(), spill));
                } catch (IOException ignored) {
                    // removed with the segment
                }
            }
        }
    }

    /** Encodes a message once, so retries of a blocked put do not serialize again. */
    public Outgoing encode(Object msg) {
        return new Outgoing(MessageCodec.encode(msg));
    }

    /** Encodes raw bytes (sent with the BYTES tag). */
    public Outgoing encodeBytes(byte[] b, int off, int len) {
        return new Outgoing(MessageCodec.encodeBytes(b, off, len));
    }

    private long writeSpill(byte[] bytes) {
        long id = ThreadLocalRandom.current().nextLong() | 1;
        try {
            Files.write(ShmDir.createPrivate(ShmDir.spillPath(seg.name(), id)), bytes, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a large message to shared memory", e);
        }
        return id;
    }

    /** Puts without blocking; false if the ring is full. */
    public boolean tryPut(Outgoing out) {
        while (true) {
            long h = seg.getLong(base + OFF_HEAD);
            int s = slot(h);
            long lap = lap(h);
            long w = seg.getLong(s);
            long d = lapDiff(lapOf(w), lap);
            if (d == 0) {
                if (stateOf(w) == EMPTY) {
                    if (seg.casLong(s, w, word(lap, WRITING, ME))) {
                        seg.casLong(base + OFF_HEAD, h, h + 1);
                        write(s, out);
                        seg.setLong(s, word(lap, FULL, 0));
                        notEmpty.signal();
                        return true;
                    }
                } else {
                    seg.casLong(base + OFF_HEAD, h, h + 1); // claimed by someone who has not moved head yet
                }
            } else if (d < 0) {
                if (h == seg.getLong(base + OFF_HEAD)) {
                    return false; // the message of the previous lap is still there: full
                }
            }
            // d > 0: our head was stale; retry
        }
    }

    private void write(int s, Outgoing out) {
        MessageCodec.Encoded e = out.enc;
        seg.putByte(s + 12, e.tag);
        if (e.bytes == null) {
            seg.setLongPlain(s + 16, e.scalar);
        } else if (out.spill != 0) {
            seg.putIntPlain(s + 8, e.bytes.length);
            seg.putByte(s + 13, (byte) 1);
            seg.setLongPlain(s + 16, out.spill);
        } else {
            seg.putIntPlain(s + 8, e.bytes.length);
            seg.putByte(s + 13, (byte) 0);
            seg.putBytes(s + 16, e.bytes, 0, e.bytes.length);
        }
    }

    /**
     * Puts, waiting for room until the deadline.
     *
     * @return false on timeout (the message is then discarded)
     * @throws InterruptedException if interrupted while waiting (the message is then discarded too)
     */
    public boolean put(Outgoing out, long deadline) throws InterruptedException {
        return put(out, deadline, null, null);
    }

    /**
     * Puts, waiting for room until the deadline or until {@code giveUp} says nobody will ever read.
     *
     * @param tick run now and then while asleep, as {@link Blocking} does (e.g. to forget dead readers, so
     *             that {@code giveUp} can see them gone); may be {@code null}
     * @return false on timeout or give-up (the message is then discarded)
     * @throws InterruptedException if interrupted while waiting (the message is then discarded too)
     */
    public boolean put(Outgoing out, long deadline, BooleanSupplier giveUp, Runnable tick)
            throws InterruptedException {
        BooleanSupplier ready = giveUp == null ? () -> tryPut(out) : () -> tryPut(out) || giveUp.getAsBoolean();
        Runnable ticks = tick == null ? this::recoverHead : () -> {
            recoverHead();
            tick.run();
        };
        boolean put;
        try {
            put = Blocking.await(ready, deadline, ticks, notFull);
        } catch (InterruptedException | RuntimeException | Error e) { // before the message had a slot
            out.discard();
            throw e;
        }
        if (put && (giveUp == null || !giveUp.getAsBoolean())) {
            return true;
        }
        out.discard();
        return false;
    }

    // ---- take ---------------------------------------------------------------------------------------------

    /** Takes without blocking; {@link #NONE} if the ring is empty. */
    public Object tryTake() {
        int spins = 0;
        while (true) {
            long t = seg.getLong(base + OFF_TAIL);
            int s = slot(t);
            long lap = lap(t);
            long w = seg.getLong(s);
            long d = lapDiff(lapOf(w), lap);
            if (d == 0) {
                long st = stateOf(w);
                if (st == FULL) {
                    if (seg.casLong(s, w, word(lap, READING, ME))) {
                        seg.casLong(base + OFF_TAIL, t, t + 1);
                        Object msg;
                        try {
                            msg = read(s);
                        } finally {
                            seg.setLong(s, word(lap + 1, EMPTY, 0));
                            notFull.signal();
                        }
                        return msg;
                    }
                } else if (st == READING) {
                    seg.casLong(base + OFF_TAIL, t, t + 1);
                } else if (st == WRITING) {
                    if (++spins > 100) {
                        return NONE; // a producer is mid-write; its FULL store will signal us
                    }
                    Thread.onSpinWait();
                } else if (t == seg.getLong(base + OFF_TAIL)) {
                    return NONE; // EMPTY on this lap: nobody has put at t yet
                }
            } else if (d > 0) {
                seg.casLong(base + OFF_TAIL, t, t + 1); // consumed (or skipped) already
            } else if (t == seg.getLong(base + OFF_TAIL)) {
                return NONE; // slot still on the previous lap: nothing put at t yet
            }
        }
    }

    private Object read(int s) {
        byte tag = seg.getByte(s + 12);
        if (MessageCodec.isScalar(tag)) {
            return MessageCodec.decodeScalar(tag, seg.getLongPlain(s + 16));
        }
        int len = seg.getIntPlain(s + 8);
        byte[] b;
        if (seg.getByte(s + 13) != 0) {
            Path p = ShmDir.spillPath(seg.name(), seg.getLongPlain(s + 16));
            try (InputStream in = Files.newInputStream(p, LinkOption.NOFOLLOW_LINKS)) {
                b = in.readAllBytes();
                Files.deleteIfExists(p);
            } catch (NoSuchFileException e) {
                throw new IllegalStateException("a large message's spill file " + p + " was removed", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a large message from " + p, e);
            }
        } else {
            b = new byte[len];
            seg.getBytes(s + 16, b, 0, len);
        }
        return MessageCodec.decodeBytes(tag, b);
    }

    /**
     * Takes, waiting until a message arrives, the deadline passes, or {@code closed} reports that no message
     * can come any more.
     *
     * @param closed may be null; checked only when the ring is empty, so it must be cheap
     * @param tick   extra liveness work while asleep (may be null), e.g. noticing that the writer died
     * @return the message; {@link #NONE} on timeout; {@code eofMarker} if closed and drained
     * @throws InterruptedException if interrupted while waiting
     */
    public Object take(long deadline, BooleanSupplier closed, Object eofMarker, Runnable tick)
            throws InterruptedException {
        Object[] box = {NONE};
        boolean done = Blocking.await(() -> {
            Object m = tryTake();
            if (m == NONE && closed != null && closed.getAsBoolean()) {
                m = tryTake(); // the last message may have been published just before the close
                if (m == NONE) {
                    m = eofMarker;
                }
            }
            box[0] = m;
            return m != NONE;
        }, deadline, tick == null ? this::recoverTail : () -> {
            recoverTail();
            tick.run();
        }, notEmpty);
        return done ? box[0] : NONE;
    }

    /** Waits until a message is available (without taking it), or closed, or the deadline. */
    /** Frees slots held by dead processes at the tail or head (run by waiters while asleep). */
    public void recover() {
        recoverTail();
    }

    /** Whether a message is ready at the tail right now. */
    public boolean isEmpty() {
        long t = seg.getLong(base + OFF_TAIL);
        long w = seg.getLong(slot(t));
        return !(lapDiff(lapOf(w), lap(t)) == 0 && stateOf(w) == FULL) && size() == 0;
    }

    // ---- recovery from dead processes ---------------------------------------------------------------------

    /** A producer waiting for room frees the slot ahead of it if a dead process claimed it. */
    private void recoverHead() {
        long h = seg.getLong(base + OFF_HEAD);
        int s = slot(h);
        long lap = lap(h);
        long w = seg.getLong(s);
        long st = stateOf(w);
        if (lapDiff(lapOf(w), lap) == -1 && (st == READING || st == WRITING) && !Pids.alive(pidOf(w))) {
            if (seg.casLong(s, w, word(lap, EMPTY, 0))) {
                long t = seg.getLong(base + OFF_TAIL);
                if (t == h - cap) {
                    seg.casLong(base + OFF_TAIL, t, t + 1); // the dead producer's position is skipped
                }
                notFull.signal();
            }
        }
    }

    /** A consumer waiting for a message skips the slot at the tail if a dead producer was writing it. */
    private void recoverTail() {
        long t = seg.getLong(base + OFF_TAIL);
        int s = slot(t);
        long lap = lap(t);
        long w = seg.getLong(s);
        if (lapDiff(lapOf(w), lap) == 0 && stateOf(w) == WRITING && !Pids.alive(pidOf(w))) {
            if (seg.casLong(s, w, word(lap + 1, EMPTY, 0))) {
                seg.casLong(base + OFF_TAIL, t, t + 1);
                notFull.signal();
            }
        }
        recoverHead();
    }
}
