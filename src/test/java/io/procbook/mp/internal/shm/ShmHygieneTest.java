package io.procbook.mp.internal.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wake-up socket is private and cannot be made to block or to pile up connections; the sweep never
 * follows a link and does not take a recycled pid for a file's maker.
 */
class ShmHygieneTest {

    private static final long MAGIC = 0x70726f63626f6f6bL;

    @TempDir
    Path tmp;

    private final List<java.lang.Process> started = new ArrayList<>();
    private final List<Path> made = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (java.lang.Process p : started) {
            p.destroyForcibly();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
        for (Path p : made) Files.deleteIfExists(p);
    }

    private long runningProcess() throws IOException {
        java.lang.Process p = new ProcessBuilder("sleep", "120").start();
        started.add(p);
        return p.pid();
    }

    private long exitedProcess() throws Exception {
        java.lang.Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return p.pid();
    }

    /** A socket at {@code pid}'s wake-up path that accepts nobody and reads nothing: a stopped peer. */
    private ServerSocketChannel deafListener(long pid) throws IOException {
        Path path = ShmDir.socketPath(pid);
        assertNotNull(path);
        Files.deleteIfExists(path);
        ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        s.bind(UnixDomainSocketAddress.of(path));
        made.add(path);
        return s;
    }

    // ---- finding 11: the wake-up socket -----------------------------------------------------------------

    @Test
    void theWakeUpSocketIsThisUsersOnlyInAFolderOnlyThisUserEnters() {
        assertTrue(Waker.ensureListening());
        Path socket = ShmDir.socketPath(Pids.SELF);
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "listening at " + socket);
        assertEquals("rw-------", permissions(socket));
        assertEquals("rwx------", permissions(socket.getParent()));
        assertEquals(ShmDir.dir(), socket.getParent().getParent());
    }

    @Test
    void aPeerThatReadsNothingCannotBlockAWakeUp() throws Exception {
        long peer = runningProcess();
        try (ServerSocketChannel deaf = deafListener(peer)) {
            CompletableFuture<Void> waking = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 200_000; i++) Waker.wake(peer, i); // 1.6 MB: far beyond a socket's buffer
            });
            waking.get(60, TimeUnit.SECONDS); // before, the writer blocked for good once the buffer was full
        }
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        assertTrue(Waker.ensureListening());
        UnixDomainSocketAddress self = UnixDomainSocketAddress.of(ShmDir.socketPath(Pids.SELF));
        List<SocketChannel> clients = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread leader = new Thread(() -> { // sleeps as a waiter would, so that this process accepts
            while (!done.get()) {
                Waker.register(1, Thread.currentThread());
                Waker.sleep(TimeUnit.MILLISECONDS.toNanos(20));
                Waker.unregister(1, Thread.currentThread());
            }
        }, "test-waker-leader");
        leader.start();
        try {
            for (int i = 0; i < Waker.MAX_PEERS + 50; i++) clients.add(SocketChannel.open(self));
            long refused = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (refused < 50 && System.nanoTime() < deadline) {
                refused = clients.stream().filter(ShmHygieneTest::closedByPeer).count();
            }
            assertTrue(refused >= 50, "connections refused: " + refused);
        } finally {
            done.set(true);
            leader.join(60_000);
            for (SocketChannel c : clients) c.close();
        }
    }

    private static boolean closedByPeer(SocketChannel c) {
        try {
            c.configureBlocking(false);
            return c.read(ByteBuffer.allocate(1)) < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void connectionsToExitedProcessesAreForgotten() throws Exception {
        List<ServerSocketChannel> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < 80; i++) {
                long gone = exitedProcess();
                listeners.add(deafListener(gone));
                assertTrue(Waker.wake(gone, 1), "reached the socket of " + gone);
            }
            assertTrue(Waker.peers() <= 64, "peer table holds " + Waker.peers() + " connections");
        } finally {
            for (ServerSocketChannel l : listeners) l.close();
        }
    }

    // ---- finding 12: the sweep --------------------------------------------------------------------------

    /**
     * A remover killed between announcing itself in the state word and settling it: before, the state stayed
     * "removing" for good, so the sweep never removed the file (one was found left in /dev/shm) and an attacher
     * waited forever.
     */
    @Test
    void aSegmentWhoseRemoverDiedIsSweptAndCanStillBeOpened() throws Exception {
        java.lang.Process remover = new ProcessBuilder("cat").start(); // waits for its stdin to end
        long deadRemover = stampOf(remover.pid()); // its stamp, start time and all, while it runs
        remover.getOutputStream().close();
        assertTrue(remover.waitFor(20, TimeUnit.SECONDS));
        for (long state : new long[] {1, deadRemover}) { // an older version's mark, and a dead remover's stamp
            Path orphan = ShmDir.dir().resolve("procbook-" + exitedProcess() + "-" + hex());
            Files.write(orphan, withState(segmentBytes(new long[0]), state));
            made.add(orphan);
            ShmDir.sweep();
            assertFalse(Files.exists(orphan), "a segment whose remover died (state " + state + ") was kept");
        }
        // One still in use (its creator is this process): a new attacher takes the state over, not waits.
        Path inUse = ShmDir.dir().resolve("procbook-" + Pids.SELF + "-" + hex());
        Files.write(inUse, withState(segmentBytes(new long[0]), deadRemover));
        made.add(inUse);
        Segment s = assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> Segment.open(inUse.getFileName().toString()), "the attacher waited for a dead remover");
        s.release(); // the last user: the file goes
        assertFalse(Files.exists(inUse));
    }

    private static byte[] withState(byte[] segment, long state) {
        ByteBuffer.wrap(segment).order(ByteOrder.nativeOrder()).putLong(8, state);
        return segment;
    }

    @Test
    void theSweepNeverWritesThroughALink() throws Exception {
        Path target = tmp.resolve("not-shared-memory");
        Files.write(target, segmentBytes(new long[0]));
        Path link = ShmDir.dir().resolve("procbook-" + exitedProcess() + "-" + hex());
        Files.createSymbolicLink(link, target);
        made.add(link);
        ShmDir.sweep();
        assertEquals(0, ByteBuffer.wrap(Files.readAllBytes(target)).order(ByteOrder.nativeOrder()).getLong(8),
                "the sweep marked the link's target as removed");
        assertTrue(Files.exists(target));
    }

    @Test
    void aRecycledPidDoesNotKeepADeadProcessesSegment() throws Exception {
        long recycled = runningProcess(); // started after the file was last written (below): not its maker
        Path segment = ShmDir.dir().resolve("procbook-" + recycled + "-" + hex());
        Files.write(segment, segmentBytes(new long[0]));
        made.add(segment);
        Files.setLastModifiedTime(segment, FileTime.from(Instant.now().minusSeconds(3600)));
        ShmDir.sweep();
        assertFalse(Files.exists(segment), "kept for a process that started after it was written");
    }

    @Test
    void attachedProcessesAreKnownByPidAndStartTime() throws Exception {
        long alive = runningProcess();
        ProcessHandle h = ProcessHandle.of(alive).orElseThrow();
        // its true stamp keeps the segment; the same pid with another start time (recycled) does not
        Path kept = oldSegment(new long[] {stampOf(alive)});
        long otherStart = (stampOf(alive) >>> Pids.BITS) + 1;
        Path swept = oldSegment(new long[] {alive | otherStart << Pids.BITS});
        assertTrue(h.isAlive());
        ShmDir.sweep();
        assertTrue(Files.exists(kept), "a segment attached by a running process was removed");
        assertFalse(Files.exists(swept), "a segment attached only by a recycled pid was kept");
    }

    private Path oldSegment(long[] attached) throws Exception {
        Path p = ShmDir.dir().resolve("procbook-" + exitedProcess() + "-" + hex());
        Files.write(p, segmentBytes(attached));
        made.add(p);
        return p;
    }

    /** The stamp the runtime writes for {@code pid}: with its start time, from /proc or else from the JDK. */
    private static long stampOf(long pid) {
        long stamp = Pids.stamp(pid);
        assertNotEquals(pid, stamp, "the start time of a running process is known");
        return stamp;
    }

    /** A segment file as {@link Segment} lays it out: magic, state OPEN, an attach table with these stamps. */
    private static byte[] segmentBytes(long[] attached) {
        ByteBuffer b = ByteBuffer.allocate(Segment.HEADER + 4096).order(ByteOrder.nativeOrder());
        b.putLong(0, MAGIC);
        for (int i = 0; i < attached.length; i++) b.putLong(64 + 8 * i, attached[i]);
        return b.array();
    }

    private static String hex() {
        return ShmDir.hex(ThreadLocalRandom.current().nextLong());
    }

    private static String permissions(Path p) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
