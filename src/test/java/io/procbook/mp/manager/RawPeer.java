package io.procbook.mp.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A hand-made manager peer speaking the handshake's raw frames (a 4-byte length, then the bytes), written from
 * the protocol's description rather than with the library's classes, so tests see what a foreign client can
 * make a server do.
 */
final class RawPeer implements AutoCloseable {

    final Socket socket;
    final DataInputStream in;
    final DataOutputStream out;

    /** Connects to a server on 127.0.0.1; reads give up after 60 s. */
    RawPeer(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(60_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = new DataOutputStream(socket.getOutputStream());
    }

    /** The client's half of the mutual HMAC challenge, with the right key (the server's answer is not checked). */
    void authenticate(byte[] key) throws IOException {
        writeFrame(out, hmac(key, readFrame(in)));
        assertArrayEquals(ascii("#WELCOME#"), readFrame(in), "the server accepts the key");
        writeFrame(out, ascii("#CHALLENGE#0123456789abcdef0123456789abcdef"));
        readFrame(in);
        writeFrame(out, ascii("#WELCOME#"));
    }

    byte[] read() throws IOException {
        return readFrame(in);
    }

    void write(byte[] frame) throws IOException {
        writeFrame(out, frame);
    }

    /** Reads until the server hangs up; -1 then. Fails if it has not after 60 s. */
    int readUntilClosed() throws IOException {
        return readUntilClosed(in);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static int readUntilClosed(DataInputStream in) throws IOException {
        try {
            while (true) {
                int b = in.read();
                if (b < 0) return b;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not hang up within 60 s", e);
        } catch (IOException e) {
            return -1; // reset by the server: hung up as well
        }
    }

    static byte[] readFrame(DataInputStream in) throws IOException {
        int n = in.readInt();
        assertTrue(n >= 0 && n <= 256, "frame length " + n);
        byte[] f = new byte[n];
        in.readFully(f);
        return f;
    }

    static void writeFrame(DataOutputStream out, byte[] f) throws IOException {
        out.writeInt(f.length);
        out.write(f);
        out.flush();
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** What a client on this host sends when it asks for shared memory: the boot id on Linux. */
    static String hostId() {
        return io.procbook.mp.internal.Platform.hostId();
    }
}
