package io.procbook.mp.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.AuthenticationException;
import io.procbook.mp.BaseManager;
import io.procbook.mp.Manager;
import io.procbook.mp.internal.shm.ShmDir;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The HMAC handshake from both sides, with hand-made peers speaking raw bytes: a wrong key is refused with a
 * clear error and whatever the impostor sends next is never deserialized; garbage and silent clients (also one
 * that stalls after being offered shared memory) do not stop the server serving others.
 */
class AuthenticationTest {

    private static final byte[] KEY = "manager-test-key-abc".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRONG = "manager-test-key-abd".getBytes(StandardCharsets.US_ASCII);

    @Test
    void serverRefusesAWrongKeyAndNeverDeserializesWhatFollows() throws Exception {
        int before = RecordingPayload.DESERIALIZED.get();
        try (Manager m = new Manager(new InetSocketAddress("127.0.0.1", 0), KEY, RecordingPayload.class);
             Socket s = new Socket("127.0.0.1", m.address().getPort())) {
            s.setSoTimeout(60_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] challenge = RawPeer.readFrame(in);
            RawPeer.writeFrame(out, RawPeer.hmac(WRONG, challenge));
            assertArrayEquals(RawPeer.ascii("#FAILURE#"), RawPeer.readFrame(in));
            try {
                out.write(RawPeer.serialized(new RecordingPayload()));
                out.flush();
            } catch (IOException e) {
                // the server may already have hung up: either way it did not read the payload
            }
            assertEquals(-1, RawPeer.readUntilClosed(in), "the server hangs up on a wrong key");
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
                    RawPeer.writeFrame(out, RawPeer.ascii("#CHALLENGE#0123456789abcdef0123456789abcdef"));
                    RawPeer.readFrame(in); // the client's digest, which we cannot check without the key
                    RawPeer.writeFrame(out, RawPeer.ascii("#WELCOME#")); // lie
                    byte[] clientChallenge = RawPeer.readFrame(in);
                    RawPeer.writeFrame(out, RawPeer.hmac(WRONG, clientChallenge));
                    RawPeer.readFrame(in); // the client's verdict
                    out.write(RawPeer.serialized(new RecordingPayload()));
                    out.flush();
                    RawPeer.readUntilClosed(in);
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
            RawPeer offered = new RawPeer(m.address().getPort()); // takes the shared-memory offer, never answers
            offered.authenticate(KEY);
            offered.write(RawPeer.ascii("#LOCAL?#" + RawPeer.hostId()));
            byte[] offer = offered.read();
            Path segment = ShmDir.dir().resolve(new String(offer, 22, offer.length - 22, StandardCharsets.US_ASCII));
            assertTrue(Files.exists(segment), "offered: " + segment);
            try (Socket garbage = new Socket("127.0.0.1", m.address().getPort());
                 Socket skipsAuth = new Socket("127.0.0.1", m.address().getPort())) {
                byte[] noise = new byte[4096];
                new Random(42).nextBytes(noise);
                garbage.getOutputStream().write(noise);
                skipsAuth.getOutputStream().write(RawPeer.serialized(new RecordingPayload()));
                for (int i = 0; i < 100; i++) {
                    d.merge("calls", 1, Integer::sum);
                }
                assertEquals(100, d.get("calls"), "served while 20 clients stall and 2 send garbage");
                garbage.setSoTimeout(60_000);
                skipsAuth.setSoTimeout(60_000);
                assertEquals(-1, RawPeer.readUntilClosed(new DataInputStream(garbage.getInputStream())));
                assertEquals(-1, RawPeer.readUntilClosed(new DataInputStream(skipsAuth.getInputStream())));
            }
            Socket stalled = silent.get(0);
            stalled.setSoTimeout(60_000);
            assertEquals(-1, RawPeer.readUntilClosed(new DataInputStream(stalled.getInputStream())),
                    "a client that never answers the challenge is dropped after the auth timeout");
            assertEquals(-1, offered.readUntilClosed(), "so is one that never answers the shared-memory offer");
            assertFalse(Files.exists(segment), "and the segment offered to it is gone");
            offered.close();
            for (Socket s : silent) s.close();
            assertEquals(before, RecordingPayload.DESERIALIZED.get());
            assertEquals(101, d.merge("calls", 1, Integer::sum));
        }
    }
}
