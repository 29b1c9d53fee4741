package io.procbook.mp.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.AuthenticationException;
import io.procbook.mp.BaseManager;
import io.procbook.mp.Manager;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The HMAC handshake from both sides, with hand-made peers speaking raw bytes: a wrong key is refused with a
 * clear error and whatever the impostor sends next is never deserialized; garbage and silent clients do not
 * stop the server serving others.
 */
class AuthenticationTest {

    private static final byte[] KEY = "abc".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRONG = "abd".getBytes(StandardCharsets.US_ASCII);

    @Test
    void serverRefusesAWrongKeyAndNeverDeserializesWhatFollows() throws Exception {
        int before = RecordingPayload.DESERIALIZED.get();
        try (Manager m = new Manager(new InetSocketAddress("127.0.0.1", 0), KEY, RecordingPayload.class);
             Socket s = new Socket("127.0.0.1", m.address().getPort())) {
            s.setSoTimeout(60_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] challenge = readFrame(in);
            writeFrame(out, hmac(WRONG, challenge));
            assertArrayEquals("#FAILURE#".getBytes(StandardCharsets.US_ASCII), readFrame(in));
            try {
                out.write(serialized(new RecordingPayload()));
                out.flush();
            } catch (IOException e) {
                // the server may already have hung up: either way it did not read the payload
            }
            assertEquals(-1, readUntilClosed(in), "the server hangs up on a wrong key");
            assertEquals(before, RecordingPayload.DESERIALIZED.get());

            var client = new BaseManager(m.address(), WRONG);
            AuthenticationException e = assertThrows(AuthenticationException.class, client::connect);
            assertTrue(e.getMessage().contains("wrong auth key"), e.getMessage());
        }
    }

    @Test
    void clientRefusesAServerWithoutTheKeyAndNeverDeserializesWhatItSends() throws Exception {
        int before = RecordingPayload.DESERIALIZED.get();
        try (ServerSocket impostor = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> fake = CompletableFuture.runAsync(() -> {
                try (Socket s = impostor.accept()) {
                    s.setSoTimeout(60_000);
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    DataOutputStream out = new DataOutputStream(s.getOutputStream());
                    writeFrame(out, "#CHALLENGE#0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
                    readFrame(in); // the client's digest, which we cannot check without the key
                    writeFrame(out, "#WELCOME#".getBytes(StandardCharsets.US_ASCII)); // lie
                    byte[] clientChallenge = readFrame(in);
                    writeFrame(out, hmac(WRONG, clientChallenge));
                    readFrame(in); // the client's verdict
                    out.write(serialized(new RecordingPayload()));
                    out.flush();
                    readUntilClosed(in);
                } catch (IOException e) {
                    // the client hung up first: fine
                }
            });
            var client = new BaseManager(new InetSocketAddress("127.0.0.1", impostor.getLocalPort()), KEY)
                    .allow(RecordingPayload.class);
            AuthenticationException e = assertThrows(AuthenticationException.class, client::connect);
            assertTrue(e.getMessage().contains("server does not have the same auth key"), e.getMessage());
            fake.get(60, TimeUnit.SECONDS);
            assertEquals(before, RecordingPayload.DESERIALIZED.get());
        }
    }

    @Test
    void garbageAndSilentClientsDoNotStopTheServerServingOthers() throws Exception {
        int before = RecordingPayload.DESERIALIZED.get();
        try (Manager m = new Manager(new InetSocketAddress("127.0.0.1", 0), KEY, RecordingPayload.class)) {
            ConcurrentMap<String, Integer> d = m.dict();
            List<Socket> silent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                silent.add(new Socket("127.0.0.1", m.address().getPort()));
            }
            try (Socket garbage = new Socket("127.0.0.1", m.address().getPort());
                 Socket skipsAuth = new Socket("127.0.0.1", m.address().getPort())) {
                byte[] noise = new byte[4096];
                new Random(42).nextBytes(noise);
                garbage.getOutputStream().write(noise);
                skipsAuth.getOutputStream().write(serialized(new RecordingPayload()));
                for (int i = 0; i < 100; i++) {
                    d.merge("calls", 1, Integer::sum);
                }
                assertEquals(100, d.get("calls"), "served while 20 clients stall and 2 send garbage");
                garbage.setSoTimeout(60_000);
                skipsAuth.setSoTimeout(60_000);
                assertEquals(-1, readUntilClosed(new DataInputStream(garbage.getInputStream())));
                assertEquals(-1, readUntilClosed(new DataInputStream(skipsAuth.getInputStream())));
            }
            Socket stalled = silent.get(0);
            stalled.setSoTimeout(60_000);
            assertEquals(-1, readUntilClosed(new DataInputStream(stalled.getInputStream())),
                    "a client that never answers the challenge is dropped after the auth timeout");
            for (Socket s : silent) s.close();
            assertEquals(before, RecordingPayload.DESERIALIZED.get());
            assertEquals(101, d.merge("calls", 1, Integer::sum));
        }
    }

    private static int readUntilClosed(DataInputStream in) throws IOException {
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

    private static byte[] serialized(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.toByteArray();
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int n = in.readInt();
        assertTrue(n >= 0 && n <= 256, "frame length " + n);
        byte[] f = new byte[n];
        in.readFully(f);
        return f;
    }

    private static void writeFrame(DataOutputStream out, byte[] f) throws IOException {
        out.writeInt(f.length);
        out.write(f);
        out.flush();
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
