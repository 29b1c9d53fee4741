package io.procbook.mp.internal.manager;

import io.procbook.mp.internal.shm.Segment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A manager connection between two processes of one host through shared memory: one {@link ByteRing} per
 * direction in a segment of its own. A round trip is then a few memory writes and reads instead of two
 * system calls and two scheduler wake-ups, which is what bounded loopback TCP at ~30 k calls/s on an idle
 * machine (an idle core takes tens of microseconds to wake).
 *
 * <p>The authenticated TCP connection that negotiated the ring ({@link LocalUpgrade}) stays open and silent
 * beside it, as the peer's lifeline: when a process dies the kernel closes its sockets, so a side waiting on
 * the ring that finds the socket at end of file knows the other side is gone, whatever pid namespace either
 * lives in and however pids are reused. A clean close is also written into the segment, so the peer notices it
 * at once rather than at its next look at the socket (about every 100 ms while it sleeps).
 */
final class RingLink implements Link, ByteRing.Ends {

    /** Bytes per direction: a few pages, so a stream of small calls stays in cache; large messages stream. */
    static final int RING_BYTES = 1 << 15;
    static final int NONCE_BYTES = 16;

    private static final int OFF_NONCE = Segment.HEADER;
    private static final int OFF_CLOSED = Segment.HEADER + 64; // one word per side, on lines of their own
    static final int OFF_CONTROL = Segment.HEADER + 192; // the client-to-server ring first; tests corrupt it
    private static final int OFF_DATA = 4096; // page-aligned, after the header and both rings' control words
    private static final long PROBE_NANOS = 50_000_000;
    private static final int CLIENT = 0;
    private static final int SERVER = 1;

    private final Segment seg;
    private final SocketChannel lifeline;
    private final int side;
    private final ByteRing in;
    private final ByteRing out;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private long lastProbe = System.nanoTime() - PROBE_NANOS;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean peerGone;

    private RingLink(Segment seg, SocketChannel lifeline, int side) throws IOException {
        this.seg = seg;
        this.lifeline = lifeline;
        this.side = side;
        ByteRing toServer = new ByteRing(seg, OFF_CONTROL, OFF_DATA, RING_BYTES, this);
        ByteRing toClient = new ByteRing(seg, OFF_CONTROL + ByteRing.CONTROL_BYTES, OFF_DATA + RING_BYTES,
                RING_BYTES, this);
        this.in = side == SERVER ? toServer : toClient;
        this.out = side == SERVER ? toClient : toServer;
        lifeline.configureBlocking(false); // only probed from now on: a read returns 0 while the peer lives
    }

    /** Creates the segment of a new link, holding {@code nonce} for the client to recognise (server side). */
    static Segment create(byte[] nonce) {
        Segment s = Segment.create(OFF_DATA + 2L * RING_BYTES - Segment.HEADER);
        s.putBytes(OFF_NONCE, nonce, 0, NONCE_BYTES);
        return s;
    }

    /** Whether {@code s} is the segment the server announced (it holds the nonce sent over TCP). */
    static boolean holds(Segment s, byte[] nonce) {
        byte[] found = new byte[NONCE_BYTES];
        s.getBytes(OFF_NONCE, found, 0, NONCE_BYTES);
        return nonce.length == NONCE_BYTES && Arrays.equals(found, nonce);
    }

    /** The server's end; takes over this process's reference to {@code s}. */
    static RingLink server(Segment s, SocketChannel lifeline) throws IOException {
        return new RingLink(s, lifeline, SERVER);
    }

    /** The client's end; takes over this process's reference to {@code s}. */
    static RingLink client(Segment s, SocketChannel lifeline) throws IOException {
        return new RingLink(s, lifeline, CLIENT);
    }

    @Override
    public InputStream in() {
        return in.input();
    }

    @Override
    public OutputStream out() {
        return out.output();
    }

    @Override
    public boolean closedHere() {
        return closed.get();
    }

    @Override
    public boolean peerEnded() {
        return peerGone || seg.getLong(OFF_CLOSED + 64 * (1 - side)) != 0;
    }

    /**
     * Probes the lifeline, at most every {@link #PROBE_NANOS}: a waiter falls asleep after each 100 us without
     * traffic, and a system call each time would cost more than the sleep saves.
     */
    @Override
    public void watch() {
        if (peerGone || closed.get()) return;
        synchronized (probe) {
            long now = System.nanoTime();
            if (now - lastProbe < PROBE_NANOS) return;
            lastProbe = now;
            try {
                probe.clear();
                if (lifeline.read(probe) != 0) peerGone = true; // end of file, or bytes nobody should send
            } catch (IOException e) {
                peerGone = true;
            }
        }
    }

    /** Ends the link for both sides: wakes whoever waits on either ring here or there, frees the socket. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        seg.setLong(OFF_CLOSED + 64 * side, 1);
        in.signalAll();
        out.signalAll();
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        seg.release(); // the file itself was unlinked when the link was set up
    }

    @Override
    public String toString() {
        return "shared memory";
    }
}
