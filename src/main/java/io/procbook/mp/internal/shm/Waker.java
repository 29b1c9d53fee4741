package io.procbook.mp.internal.shm;

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
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Cross-process wake-ups. Shared memory has no futex from Java, and timed polling either burns CPU or adds
 * milliseconds of latency; so each process that ever sleeps on a shared object opens ONE Unix domain socket
 * ({@code procbook-<pid>.sock}) served by one daemon thread blocked in {@code select} (zero CPU while idle).
 * A process that changes shared state and sees sleepers writes the 8-byte key of the wait area to each
 * sleeper's socket; the listener unparks the local threads waiting on that key. Measured cost: a few
 * microseconds per wake-up, paid only when someone actually sleeps (the hot path spins first and never gets
 * here).
 *
 * <p>Wake-ups are hints: waiters always re-check the shared state, and sleep with a bounded timeout, so a lost
 * or spurious message costs latency, never correctness.
 */
final class Waker {

    private static final Map<Long, Set<Thread>> WAITING = new ConcurrentHashMap<>();
    private static final Map<Long, SocketChannel> PEERS = new ConcurrentHashMap<>();
    private static volatile boolean listening;

    private Waker() {
    }

    /** Starts this process's listener if needed; returns false if it cannot (waiters then poll). */
    static boolean ensureListening() {
        if (listening) {
            return true;
        }
        synchronized (Waker.class) {
            if (listening) {
                return true;
            }
            ShmDir.sweepOnce();
            Path path = ShmDir.socketPath(Pids.SELF);
            try {
                Files.deleteIfExists(path); // a previous process with our pid died without cleaning up
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(path));
                server.configureBlocking(false);
                Selector selector = Selector.open();
                server.register(selector, SelectionKey.OP_ACCEPT);
                Thread t = new Thread(() -> serve(selector), "procbook-waker");
                t.setDaemon(true);
                t.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Files.deleteIfExists(path);
                    } catch (IOException ignored) {
                        // The sweep of the next process removes it.
                    }
                }, "procbook-waker-cleanup"));
                listening = true;
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
            return true;
        }
    }

    private static void serve(Selector selector) {
        try {
            while (true) {
                selector.select();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (k.isAcceptable()) {
                        SocketChannel c = ((ServerSocketChannel) k.channel()).accept();
                        if (c != null) {
                            c.configureBlocking(false);
                            c.register(selector, SelectionKey.OP_READ,
                                    ByteBuffer.allocate(8 * 64).order(ByteOrder.nativeOrder()));
                        }
                    } else if (k.isReadable()) {
                        read(k);
                    }
                }
            }
        } catch (IOException e) {
            listening = false; // waiters fall back to polling; never reached in practice
        }
    }

    private static void read(SelectionKey k) {
        SocketChannel c = (SocketChannel) k.channel();
        ByteBuffer b = (ByteBuffer) k.attachment();
        int n;
        try {
            n = c.read(b);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            k.cancel();
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a dead peer
            }
            return;
        }
        b.flip();
        while (b.remaining() >= 8) {
            wakeLocal(b.getLong());
        }
        b.compact();
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
            for (Thread t : s) {
                LockSupport.unpark(t);
            }
        }
    }

    /**
     * Wakes the threads of process {@code pid} sleeping on {@code key}.
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
                c = SocketChannel.open(UnixDomainSocketAddress.of(ShmDir.socketPath(pid)));
                SocketChannel raced = PEERS.putIfAbsent(pid, c);
                if (raced != null) {
                    c.close();
                    c = raced;
                }
            }
            ByteBuffer msg = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, key);
            synchronized (c) {
                while (msg.hasRemaining()) {
                    c.write(msg);
                }
            }
            return true;
        } catch (IOException e) {
            if (c != null) {
                PEERS.remove(pid, c);
                try {
                    c.close();
                } catch (IOException ignored) {
                    // already broken
                }
            }
            return false;
        }
    }
}
