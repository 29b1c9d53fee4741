package io.procbook.mp.internal.shm;

import io.procbook.mp.internal.BeforeHalt;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Cross-process wake-ups. Shared memory has no futex from Java, and timed polling either burns CPU or adds
 * milliseconds of latency; so each process that ever sleeps on a shared object opens ONE Unix domain socket
 * ({@link ShmDir#socketPath}, 0600 in a folder only its user can enter). A process that changes shared state
 * and sees sleepers writes the 8-byte key of the wait area to each sleeper's socket.
 *
 * <p>No reader thread: the first thread of a process to go to sleep becomes the leader and sleeps in
 * {@code select} on that socket (zero CPU while idle); the others park. The leader unparks the threads whose
 * keys arrive, and is itself woken by the kernel directly, so the common case (one waiter per process) costs
 * one kernel wake-up, like a blocking pipe read, instead of two thread hops. When the leader leaves, it
 * unparks one remaining sleeper to take over.
 *
 * <p>Wake-ups are hints: waiters always re-check the shared state, and sleep with a bounded timeout, so a lost
 * or spurious message costs latency, never correctness. Hence sending never blocks: a peer whose socket is full
 * (stopped, or not reading) simply misses that wake-up, so it cannot hang a {@code put}. A process accepts at
 * most {@link #MAX_PEERS} connections, and forgets its connections to processes that have exited.
 *
 * <p>Without Unix domain sockets ({@link io.procbook.mp.internal.Platform#unixSockets()}) there is no socket
 * path ({@link ShmDir#socketPath}): nothing listens, waiters poll, and a wake-up to another process reports it
 * unreachable.
 */
final class Waker {

    /** Connections accepted at most; one per process that ever woke this one. */
    static final int MAX_PEERS = 1024;
    /** The peer table is checked for exited processes when it grows past this. */
    private static final int PEERS_BEFORE_EVICTION = 64;

    private static final Map<Long, Set<Thread>> WAITING = new ConcurrentHashMap<>();
    private static final Map<Long, SocketChannel> PEERS = new ConcurrentHashMap<>();
    private static final AtomicBoolean LEADING = new AtomicBoolean();
    private static volatile Selector selector;
    private static volatile Thread leader;

    private Waker() {
    }

    /** Opens this process's socket if needed; returns false if it cannot (waiters then poll). */
    static boolean ensureListening() {
        if (selector != null) {
            return true;
        }
        synchronized (Waker.class) {
            if (selector != null) {
                return true;
            }
            ShmDir.sweepOnce();
            Path path = ShmDir.socketPath(Pids.SELF);
            if (path == null) {
                return false;
            }
            try {
                Files.deleteIfExists(path); // a previous process with our pid died without cleaning up
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(path));
                ownerOnly(path);
                server.configureBlocking(false);
                Selector sel = Selector.open();
                server.register(sel, SelectionKey.OP_ACCEPT);
                Runnable cleanup = () -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException ignored) {
                        // The sweep of the next process removes it.
                    }
                };
                Runtime.getRuntime().addShutdownHook(new Thread(cleanup, "procbook-waker-cleanup"));
                // A child ends with Runtime.halt, which runs no hooks: its socket file outlived it until some
                // later process's sweep.
                BeforeHalt.add(cleanup);
                selector = sel;
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
            return true;
        }
    }

    /**
     * Sleeps the current thread (registered under its keys) for at most {@code nanos}, or until woken. Returns
     * early, like {@code LockSupport.parkNanos}, on interrupt or spuriously.
     */
    static void sleep(long nanos) {
        Selector sel = selector;
        if (sel == null || nanos < 1_000_000 || !LEADING.compareAndSet(false, true)) {
            LockSupport.parkNanos(nanos);
            return;
        }
        leader = Thread.currentThread();
        try {
            sel.select(nanos / 1_000_000);
            Iterator<SelectionKey> it = sel.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey k = it.next();
                it.remove();
                if (k.isValid() && k.isAcceptable()) {
                    SocketChannel c = ((ServerSocketChannel) k.channel()).accept();
                    if (c != null && sel.keys().size() > MAX_PEERS) {
                        c.close(); // that peer's wake-ups fail, and it falls back to its bounded naps
                    } else if (c != null) {
                        c.configureBlocking(false);
                        c.register(sel, SelectionKey.OP_READ, ByteBuffer.allocate(64).order(ByteOrder.nativeOrder()));
                    }
                } else if (k.isValid() && k.isReadable()) {
                    read(k);
                }
            }
        } catch (IOException e) {
            LockSupport.parkNanos(nanos); // never seen in practice; the bounded nap keeps waiters correct
        } finally {
            leader = null;
            LEADING.set(false);
            handOver();
        }
    }

    /** Someone else still asleep needs a leader to read the socket for it. */
    private static void handOver() {
        Thread me = Thread.currentThread();
        for (Set<Thread> s : WAITING.values()) {
            for (Thread t : s) {
                if (t != me) {
                    LockSupport.unpark(t);
                    return;
                }
            }
        }
    }

    /** Owner-only, whatever the umask: the folder already keeps others out, this keeps it so if moved. */
    private static void ownerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // no POSIX permissions here: the folder is what protects it
        }
    }

    /** Reads what one peer sent; each peer has a buffer of its own, so a key split across reads stays whole. */
    private static void read(SelectionKey k) {
        SocketChannel c = (SocketChannel) k.channel();
        ByteBuffer b = (ByteBuffer) k.attachment(); // only the leader reads
        int n;
        do {
            try {
                n = c.read(b);
            } catch (IOException e) {
                n = -1;
            }
            b.flip();
            while (b.remaining() >= 8) {
                wakeLocal(b.getLong());
            }
            b.compact();
        } while (n > 0);
        if (n < 0) {
            k.cancel();
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a dead peer
            }
        }
    }

    static void register(long key, Thread t) {
        WAITING.computeIfAbsent(key, x -> ConcurrentHashMap.newKeySet()).add(t);
    }

    static void unregister(long key, Thread t) {
        Set<Thread> s = WAITING.get(key);
        if (s != null) {
            s.remove(t);
        }
    }

    static void wakeLocal(long key) {
        Set<Thread> s = WAITING.get(key);
        if (s != null) {
            Thread lead = leader;
            for (Thread t : s) {
                if (t == lead && t != Thread.currentThread()) {
                    selector.wakeup();
                }
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Wakes the threads of process {@code pid} sleeping on {@code key}. Never blocks: if the peer's socket is
     * full, the wake-up is dropped (it is a hint).
     *
     * @return false if the process could not be reached (it may be dead)
     */
    static boolean wake(long pid, long key) {
        if (pid == Pids.SELF) {
            wakeLocal(key);
            return true;
        }
        SocketChannel c = PEERS.get(pid);
        try {
            if (c == null) {
                c = connect(pid);
                if (c == null) {
                    return false;
                }
            }
            ByteBuffer msg = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, key);
            int n;
            synchronized (c) {
                n = c.write(msg);
            }
            if (n > 0 && n < 8) {
                forget(pid, c); // a partial key would misalign the peer's stream: start afresh next time
            }
            return true;
        } catch (IOException e) {
            if (c != null) {
                forget(pid, c);
            }
            return false;
        }
    }

    /** A non-blocking connection to {@code pid}'s socket, remembered; null if it does not listen (or is busy). */
    private static SocketChannel connect(long pid) throws IOException {
        Path path = ShmDir.socketPath(pid);
        if (path == null) {
            return null;
        }
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            c.configureBlocking(false);
            if (!c.connect(UnixDomainSocketAddress.of(path)) && !c.finishConnect()) {
                c.close(); // its backlog is full: it is not accepting, so it would not read either
                return null;
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        if (PEERS.size() >= PEERS_BEFORE_EVICTION) {
            evictExited();
        }
        SocketChannel raced = PEERS.putIfAbsent(pid, c);
        if (raced != null) {
            c.close();
            return raced;
        }
        return c;
    }

    /** Drops the connections to processes that have exited: a long-lived process meets many short ones. */
    private static void evictExited() {
        for (Map.Entry<Long, SocketChannel> e : PEERS.entrySet()) {
            if (!Pids.alive(e.getKey())) {
                forget(e.getKey(), e.getValue());
            }
        }
    }

    private static void forget(long pid, SocketChannel c) {
        PEERS.remove(pid, c);
        try {
            c.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    /** How many peers this process keeps a connection to (for tests). */
    static int peers() {
        return PEERS.size();
    }
}
