package io.procbook.mp.internal.manager;

import io.procbook.mp.internal.Platform;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.ShmDir;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Right after authentication, moves a connection whose two ends share a host from TCP to shared memory
 * ({@link RingLink}); other connections stay on TCP. Spoken in the raw, bounded frames of {@link Auth}, so
 * still nothing is deserialized:
 * <pre>
 *   client: #LOCAL?#&lt;host id&gt;          (or #TCP-ONLY#, and both stay on TCP)
 *   server: #RING#&lt;16-byte nonce&gt;&lt;segment name&gt;   or #TCP#   (other host id, or shared memory unusable)
 *   client: #OK#  (it opened the segment and found the nonce: both switch)   or #NO#
 * </pre>
 * The host id ({@link Platform#hostId()}: the kernel's boot id on Linux) tells a remote client not to bother;
 * the nonce then proves that the client really maps the server's file (another machine, or a container with a
 * /dev/shm of its own, has no such file).
 *
 * <p>Why the ring is as safe as the TCP connection it replaces. The segment's name is sent only over the
 * connection that has just passed the mutual HMAC challenge, so only a holder of the auth key learns it. The
 * file is created 0600, so no other user can open it, and it is unlinked as soon as the client has mapped it
 * (in milliseconds), after which no process can reach it by name at all. In that window only the server's own
 * user (or root) could open it by listing /dev/shm, and such a process can already take over this JVM: the JDK
 * attach mechanism ({@code jcmd}, {@code VirtualMachine.attach}) admits any process with the same effective
 * uid and loads code into it. Whatever arrives through the ring still passes the connection's
 * {@link AllowList} filter, exactly as over TCP. Set {@code -Dprocbook.manager.local=false} (on either side)
 * where processes of the same user must not be trusted with each other; connections then stay on TCP.
 */
final class LocalUpgrade {

    /** System property that, set to false, keeps every manager connection of this process on TCP. */
    static final String PROPERTY = "procbook.manager.local";

    private static final byte[] ASK = Auth.bytes("#LOCAL?#");
    private static final byte[] TCP_ONLY = Auth.bytes("#TCP-ONLY#");
    private static final byte[] OFFER = Auth.bytes("#RING#");
    private static final byte[] REFUSE = Auth.bytes("#TCP#");
    private static final byte[] ACCEPT = Auth.bytes("#OK#");
    private static final byte[] DECLINE = Auth.bytes("#NO#");
    private static final byte[] HOST = Auth.bytes(Platform.hostId());
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalUpgrade() { }

    private static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** The client's half: returns the link to use from now on ({@code tcp} itself, or a ring). */
    static Link asClient(SocketLink tcp) throws IOException {
        DataInputStream in = tcp.handshakeIn();
        DataOutputStream out = tcp.handshakeOut();
        if (!enabled() || HOST.length == 0) {
            Auth.writeFrame(out, TCP_ONLY);
            return tcp;
        }
        Auth.writeFrame(out, Auth.concat(ASK, HOST));
        byte[] answer = Auth.readFrame(in, "server");
        if (!startsWith(answer, OFFER)) return tcp;
        int named = OFFER.length + RingLink.NONCE_BYTES;
        Segment seg = answer.length <= named ? null : openIfAnnounced(
                new String(answer, named, answer.length - named, StandardCharsets.US_ASCII),
                Arrays.copyOfRange(answer, OFFER.length, named));
        if (seg == null) {
            Auth.writeFrame(out, DECLINE);
            return tcp;
        }
        try {
            unlink(seg);
            Auth.writeFrame(out, ACCEPT);
            return RingLink.client(seg, tcp.channel());
        } catch (IOException | RuntimeException e) {
            seg.release();
            throw e;
        }
    }

    /** The segment named by the server if this process can map it and it holds the nonce; else null. */
    private static Segment openIfAnnounced(String name, byte[] nonce) {
        Segment seg;
        try {
            seg = Segment.open(name);
        } catch (RuntimeException e) {
            return null; // no such file here (another host or another /dev/shm), or not a segment
        }
        if (RingLink.holds(seg, nonce)) return seg;
        seg.release();
        return null;
    }

    /** The server's half: returns the link to use from now on ({@code tcp} itself, or a ring). */
    static Link asServer(SocketLink tcp) throws IOException {
        DataInputStream in = tcp.handshakeIn();
        DataOutputStream out = tcp.handshakeOut();
        byte[] ask = Auth.readFrame(in, "client");
        if (Arrays.equals(ask, TCP_ONLY)) return tcp;
        if (!startsWith(ask, ASK)) {
            throw new IOException("the client did not say which transport it can use");
        }
        if (!enabled() || HOST.length == 0 || !Arrays.equals(Auth.concat(ASK, HOST), ask)) {
            Auth.writeFrame(out, REFUSE);
            return tcp;
        }
        byte[] nonce = new byte[RingLink.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Segment seg;
        try {
            seg = RingLink.create(nonce);
        } catch (RuntimeException e) {
            Auth.writeFrame(out, REFUSE); // no usable shared memory here: TCP still works
            return tcp;
        }
        try {
            Auth.writeFrame(out, Auth.concat(Auth.concat(OFFER, nonce), Auth.bytes(seg.name())));
            if (Arrays.equals(Auth.readFrame(in, "client"), ACCEPT)) {
                RingLink ring = RingLink.server(seg, tcp.channel());
                seg = null;
                return ring;
            }
            return tcp;
        } finally {
            if (seg != null) {
                unlink(seg);
                seg.release();
            }
        }
    }

    /**
     * Removes the segment's name once both ends map it (or the offer failed): the mapping lives on, and a link
     * then leaves no file behind even if both processes are killed.
     */
    private static void unlink(Segment seg) {
        try {
            Files.deleteIfExists(ShmDir.dir().resolve(seg.name()));
        } catch (IOException ignored) {
            // left for the sweep that removes the files of exited creators
        }
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }
}
