package io.procbook.mp.internal.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Manager;
import io.procbook.mp.UncheckedInterruptedException;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.ShmDir;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StreamCorruptedException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shared-memory link on its own: both ends in this JVM over one segment, with a real socket pair as their
 * lifelines. What the peer may do to it (close, die, corrupt its counters, send garbage) ends the link with an
 * end of file or an error, never a hang and never a read outside the ring.
 */
class RingLinkTest {

    private final byte[] nonce = new byte[RingLink.NONCE_BYTES];
    private Segment seg;
    private SocketChannel serverLifeline;
    private SocketChannel clientLifeline;
    private RingLink server;
    private RingLink client;

    @BeforeEach
    void link() throws IOException {
        new Random(1).nextBytes(nonce);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            clientLifeline = SocketChannel.open(listener.getLocalAddress());
            serverLifeline = listener.accept();
        }
        seg = RingLink.create(nonce);
        Segment clientView = Segment.open(seg.name());
        assertTrue(RingLink.holds(clientView, nonce));
        server = RingLink.server(seg, serverLifeline);
        client = RingLink.client(clientView, clientLifeline);
    }

    /** Threads of their own for blocking tasks: the common pool may have a single worker on 2 cores. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void unlink() throws IOException {
        threads.shutdownNow();
        client.close();
        server.close();
        assertTrue(!Files.exists(ShmDir.dir().resolve(seg.name())), "both ends closed: the segment file is gone");
    }

    @Test
    void bytesStreamBothWaysInPiecesOfAnySizeAcrossTheRingsEnd() throws Exception {
        byte[] up = new byte[5 * RingLink.RING_BYTES + 123];
        byte[] down = new byte[3 * RingLink.RING_BYTES + 7];
        new Random(2).nextBytes(up);
        new Random(3).nextBytes(down);
        CompletableFuture<Void> writeUp = CompletableFuture.runAsync(() -> writeInPieces(client.out(), up, 4), threads);
        CompletableFuture<Void> writeDown = CompletableFuture.runAsync(() -> writeInPieces(server.out(), down, 5),
                threads);
        CompletableFuture<byte[]> readUp = CompletableFuture.supplyAsync(() -> readInPieces(server.in(), up.length,
                6), threads);
        assertArrayEquals(down, readInPieces(client.in(), down.length, 7));
        assertArrayEquals(up, readUp.get(60, TimeUnit.SECONDS));
        writeUp.get(60, TimeUnit.SECONDS);
        writeDown.get(60, TimeUnit.SECONDS);
    }

    private static void writeInPieces(OutputStream out, byte[] b, long seed) {
        Random r = new Random(seed);
        try {
            for (int at = 0; at < b.length; ) {
                int n = Math.min(b.length - at, 1 + r.nextInt(3 * RingLink.RING_BYTES / 2));
                out.write(b, at, n);
                at += n;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readInPieces(InputStream in, int length, long seed) {
        Random r = new Random(seed);
        byte[] b = new byte[length];
        try {
            for (int at = 0; at < length; ) {
                int n = in.read(b, at, Math.min(length - at, 1 + r.nextInt(RingLink.RING_BYTES)));
                if (n < 0) throw new EOFException("after " + at);
                at += n;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b;
    }

    @Test
    void whatAPeerWroteBeforeClosingIsReadThenEndOfFileAndWritingFails() throws Exception {
        client.out().write("last words".getBytes(StandardCharsets.US_ASCII));
        client.close();
        byte[] b = new byte[10];
        new DataInputStream(server.in()).readFully(b);
        assertEquals("last words", new String(b, StandardCharsets.US_ASCII));
        assertEquals(-1, server.in().read());
        assertThrows(EOFException.class, () -> server.out().write(1));
        assertThrows(IOException.class, () -> client.in().read(), "and the side that closed cannot read");
    }

    @Test
    void aPeerThatDiesWithoutClosingIsNoticedThroughItsLifeline() throws Exception {
        CompletableFuture<Integer> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return server.in().read();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        byte[] full = new byte[RingLink.RING_BYTES];
        server.out().write(full); // the client reads nothing: the server's next write must wait for room
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                server.out().write(1);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        clientLifeline.close(); // what the kernel does when a process dies; the ring's close flag stays unset
        assertEquals(-1, reading.get(60, TimeUnit.SECONDS), "the waiting reader sees end of file");
        ExecutionException e = assertThrows(ExecutionException.class, () -> writing.get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause().getCause() instanceof EOFException, String.valueOf(e.getCause()));
    }

    @Test
    void countersAPeerCorruptedEndTheLinkInsteadOfReadingOutsideTheRing() {
        seg.setLong(RingLink.OFF_CONTROL, 1L << 40); // client-to-server head, far beyond anything written
        assertThrows(StreamCorruptedException.class, () -> server.in().read());
        seg.setLong(RingLink.OFF_CONTROL, 0);
        seg.setLong(RingLink.OFF_CONTROL + 64, 5); // its tail ahead of its head: more read than written
        assertThrows(StreamCorruptedException.class, () -> client.out().write(1));
    }

    @Test
    void aWaitingReaderEndsWhenItsSideIsClosedOrItIsInterrupted() throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        CompletableFuture<String> reading = CompletableFuture.supplyAsync(() -> {
            thread.complete(Thread.currentThread());
            try {
                return "read " + client.in().read();
            } catch (UncheckedInterruptedException e) {
                return "interrupted";
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        thread.get(60, TimeUnit.SECONDS).interrupt();
        assertEquals("interrupted", reading.get(60, TimeUnit.SECONDS));

        CompletableFuture<String> closing = CompletableFuture.supplyAsync(() -> {
            try {
                return "read " + server.in().read();
            } catch (IOException e) {
                return e.getMessage();
            }
        }, threads);
        server.close();
        assertEquals("the manager connection was closed here", closing.get(60, TimeUnit.SECONDS));
    }

    @Test
    void garbageThroughARealServersRingEndsThatConnectionOnly() throws Exception {
        byte[] key = "ring-link-test-key".getBytes(StandardCharsets.US_ASCII);
        try (Manager m = new Manager(new InetSocketAddress("127.0.0.1", 0), key)) {
            SocketLink tcp = SocketLink.connect(m.address(), 10_000);
            Auth.asClient(tcp.handshakeIn(), tcp.handshakeOut(), key);
            Link link = LocalUpgrade.asClient(tcp);
            assertTrue(link instanceof RingLink, "a client in this process gets shared memory");
            byte[] noise = new byte[3 * RingLink.RING_BYTES];
            new Random(4).nextBytes(noise);
            try {
                link.out().write(noise);
            } catch (EOFException e) {
                // the server already hung up mid-way: fine
            }
            InputStream in = link.in();
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // the server's object stream header, then end of file when it drops us
            }
            link.close();
            ConcurrentMap<String, Integer> d = m.dict();
            assertEquals(null, d.put("served", 1), "the server serves others on");
            assertEquals(1, d.get("served"));
        }
    }
}
