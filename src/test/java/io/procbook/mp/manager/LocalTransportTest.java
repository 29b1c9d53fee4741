package io.procbook.mp.manager;

import io.procbook.testing.Poll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.BaseManager;
import io.procbook.mp.Manager;
import io.procbook.mp.Process;
import io.procbook.mp.Task;
import io.procbook.mp.internal.manager.RemoteHandler;
import io.procbook.mp.internal.shm.ShmDir;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which transport a manager connection ends up on, and that the shared-memory one keeps what TCP guaranteed:
 * only key holders learn of it, nothing of it outlives the handshake in /dev/shm, big messages stream through
 * it, either side can opt out, an interrupted call ends.
 */
class LocalTransportTest {

    private static final String KEY_TEXT = "manager-test-key-abc";
    private static final byte[] KEY = KEY_TEXT.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRONG = "manager-test-key-abd".getBytes(StandardCharsets.US_ASCII);

    /** Threads of their own for blocking tasks: the common pool may have a single worker on 2 cores. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void nothingLeft() {
        threads.shutdownNow();
        Leftovers.assertNoChildren();
    }

    @Test
    void thisProcessAndItsChildrenReachTheManagerThroughSharedMemory() {
        try (Manager m = new Manager()) {
            ConcurrentMap<String, Object> d = m.dict();
            assertEquals("shared memory", RemoteHandler.transport(d));
            byte[] big = new byte[1 << 20]; // 32 times a ring: it streams through in pieces, both ways
            new Random(7).nextBytes(big);
            d.put("big", big);
            Process p = new Process((Task) () -> {
                d.put("child's transport", RemoteHandler.transport(d));
                byte[] b = (byte[]) d.get("big");
                b[0]++;
                d.put("echo", b);
            });
            p.start();
            assertTrue(p.join(Duration.ofSeconds(120)), "child finished");
            assertEquals(0, p.exitCode(), () -> "child failed: " + p.exception());
            assertEquals("shared memory", d.get("child's transport"));
            big[0]++;
            assertArrayEquals(big, (byte[]) d.get("echo"));
        }
    }

    @Test
    void eitherSideKeepsItsConnectionsOnTcpWhenToldTo() throws Exception {
        BlockingQueue<String> served = new LinkedBlockingQueue<>();
        var manager = new BaseManager(new InetSocketAddress("127.0.0.1", 0), KEY);
        manager.register("queue", () -> served);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(manager::serve, threads);
        try (Jvms jvms = new Jvms()) {
            Poll.until("manager.address().getPort() != 0", () -> manager.address().getPort() != 0, 60_000);
            String port = Integer.toString(manager.address().getPort());
            java.lang.Process local = jvms.start(List.of(), QueueClient.class, port, KEY_TEXT, "put");
            java.lang.Process optedOut = jvms.start(List.of(), List.of("-Dprocbook.manager.local=false"),
                    QueueClient.class, port, KEY_TEXT, "put");
            List<String> localLines = new ArrayList<>();
            List<String> optedOutLines = new ArrayList<>();
            assertEquals("TRANSPORT shared memory", jvms.awaitLine(local, "TRANSPORT", localLines));
            assertEquals("TRANSPORT TCP", jvms.awaitLine(optedOut, "TRANSPORT", optedOutLines));
            jvms.awaitLine(local, "DONE", localLines);
            jvms.awaitLine(optedOut, "DONE", optedOutLines);
            assertEquals(List.of("via TCP", "via shared memory"), served.stream().sorted().toList());

            java.lang.Process server = jvms.start(List.of(), List.of("-Dprocbook.manager.local=false"),
                    QueueServer.class, KEY_TEXT);
            int serverPort = Integer.parseInt(jvms.awaitLine(server, "READY ", new ArrayList<>()).substring(6));
            var client = new BaseManager(new InetSocketAddress("127.0.0.1", serverPort), KEY).register("queue");
            client.connect();
            BlockingQueue<String> q = client.get("queue", BlockingQueue.class);
            assertEquals("TCP", RemoteHandler.transport(q), "a server that opts out offers no shared memory");
            q.put("x");
            assertEquals("x", q.take());
            client.close();
        } finally {
            manager.shutdown();
            serving.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void killingBothEndsOfASharedMemoryConnectionLeavesNoSegmentBehind() throws Exception {
        try (Jvms jvms = new Jvms()) {
            java.lang.Process server = jvms.start(List.of(), QueueServer.class, KEY_TEXT);
            String port = jvms.awaitLine(server, "READY ", new ArrayList<>()).substring(6);
            java.lang.Process client = jvms.start(List.of(), QueueClient.class, port, KEY_TEXT, "take");
            assertEquals("TRANSPORT shared memory", jvms.awaitLine(client, "TRANSPORT ", new ArrayList<>()));
            client.destroyForcibly();
            server.destroyForcibly();
            assertTrue(client.waitFor(60, TimeUnit.SECONDS) && server.waitFor(60, TimeUnit.SECONDS));
            for (java.lang.Process p : List.of(server, client)) {
                // before any sweep: the segment was unlinked as soon as both ends had mapped it
                assertEquals(List.of(), Leftovers.shmFilesOf(p.pid()).stream().filter(n -> !n.endsWith(".wake"))
                        .toList(), "segments of killed pid " + p.pid());
            }
        } // Jvms.close sweeps and checks that their wake-up sockets went too
    }

    @Test
    void onlyAKeyHolderOnThisHostIsOfferedTheSegmentAndItIsGoneWhenTheHandshakeEnds() throws Exception {
        try (Manager m = new Manager(new InetSocketAddress("127.0.0.1", 0), KEY)) {
            int port = m.address().getPort();
            List<String> before = Leftovers.shmSegments();
            try (RawPeer impostor = new RawPeer(port)) {
                impostor.write(RawPeer.hmac(WRONG, impostor.read()));
                assertArrayEquals(RawPeer.ascii("#FAILURE#"), impostor.read());
                try {
                    impostor.write(RawPeer.ascii("#LOCAL?#" + RawPeer.hostId()));
                } catch (IOException e) {
                    // the server may already have hung up: either way it offers nothing
                }
                assertEquals(-1, impostor.readUntilClosed(), "a wrong key is hung up on, never offered a ring");
            }
            try (RawPeer elsewhere = new RawPeer(port)) {
                elsewhere.authenticate(KEY);
                elsewhere.write(RawPeer.ascii("#LOCAL?#00000000-0000-0000-0000-000000000000"));
                assertArrayEquals(RawPeer.ascii("#TCP#"), elsewhere.read(), "another kernel is told to stay on TCP");
            }
            assertEquals(before, Leftovers.shmSegments(), "no segment was made for either");

            try (RawPeer peer = new RawPeer(port)) {
                peer.authenticate(KEY);
                peer.write(RawPeer.ascii("#LOCAL?#" + RawPeer.hostId()));
                byte[] offer = peer.read();
                assertArrayEquals(RawPeer.ascii("#RING#"), Arrays.copyOf(offer, 6), new String(offer,
                        StandardCharsets.ISO_8859_1));
                byte[] nonce = Arrays.copyOfRange(offer, 6, 22);
                Path file = ShmDir.dir().resolve(new String(offer, 22, offer.length - 22, StandardCharsets.US_ASCII));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
                assertArrayEquals(nonce, nonceIn(file), "the file holds the nonce sent over the authenticated socket");
                peer.write(RawPeer.ascii("#NO#"));
                Poll.until("a declined offer's file is removed at once", () -> !Files.exists(file), 60_000);
                assertFalse(Files.exists(file), "a declined offer's file is removed at once");
            }
            ConcurrentMap<String, Integer> d = m.dict();
            assertEquals(null, d.put("still", 1));
            assertEquals(before, Leftovers.shmSegments(), "the manager's own ring left no file either");
        }
    }

    private static byte[] nonceIn(Path segment) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "r")) {
            byte[] b = new byte[16];
            f.seek(1024); // the segment header's size; the nonce opens the body
            f.readFully(b);
            return b;
        }
    }

    @Test
    void aTakeInterruptedInTheClientEndsThereAndOnTheServerSoNoItemIsLost() throws Exception {
        ObservedQueue served = new ObservedQueue();
        var manager = new BaseManager(new InetSocketAddress("127.0.0.1", 0), KEY);
        manager.register("queue", () -> served);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(manager::serve, threads);
        try {
            Poll.until("manager.address().getPort() != 0", () -> manager.address().getPort() != 0, 60_000);
            var client = new BaseManager(manager.address(), KEY).register("queue").connect();
            BlockingQueue<String> q = client.get("queue", BlockingQueue.class);
            assertEquals("shared memory", RemoteHandler.transport(q));
            CompletableFuture<Thread> taker = new CompletableFuture<>();
            CompletableFuture<String> took = CompletableFuture.supplyAsync(() -> {
                taker.complete(Thread.currentThread());
                try {
                    return q.take();
                } catch (InterruptedException e) {
                    return "interrupted, flag " + Thread.currentThread().isInterrupted();
                }
            }, threads);
            assertTrue(served.taking.await(60, TimeUnit.SECONDS), "the take reached the server");
            taker.get(60, TimeUnit.SECONDS).interrupt();
            assertEquals("interrupted, flag false", took.get(60, TimeUnit.SECONDS));
            assertTrue(served.took.await(60, TimeUnit.SECONDS), "the server's take for nobody was ended too");
            assertTrue(q.offer("after"));
            assertEquals(List.of("after"), List.copyOf(served), "nobody took the next item");
            assertEquals("after", q.poll(60, TimeUnit.SECONDS));
            client.close();
        } finally {
            manager.shutdown();
            serving.get(60, TimeUnit.SECONDS);
        }
    }
}
