package io.procbook.mp.internal.manager;

import io.procbook.mp.internal.LazyLogger;
import io.procbook.mp.ManagerException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A manager server: accepts TCP connections, authenticates each within one deadline for the whole handshake
 * ({@link Handshakes}, which also bounds how many may be in progress), moves those from processes of this host
 * to shared memory ({@link LocalUpgrade}), then serves each connection's requests on a thread of its own. One
 * thread per connection is what lets a blocking call (a queue's take, a lock's acquire, a barrier) wait
 * without stopping the server for anyone else; the number of authenticated connections is bounded apart from
 * the handshakes in progress, so a flood of clients cannot exhaust the process and clients that do not know
 * the key cannot take the places of those that do. A shared-memory client that goes away mid-call has that
 * call interrupted ({@link AbandonedCalls}).
 */
public final class ManagerServer implements AutoCloseable {

    /** How long a connection may take to authenticate, all of it, before it is dropped (the default). */
    public static final int AUTH_TIMEOUT_MS = 10_000;
    private static final System.Logger LOG = LazyLogger.of(ManagerServer.class);
    private static final int MAX_CONNECTIONS = 256;
    /** How long close() waits for connection threads to finish releasing what they hold. */
    private static final long CLOSE_WAIT_MS = 10_000;

    private final ServerSocketChannel listener;
    private final InetSocketAddress bound;
    private final byte[] key;
    private final AllowList filter;
    private final Dispatcher dispatcher;
    /** Each connection thread and the link it currently runs on (TCP, then perhaps a ring). */
    private final Map<Thread, Link> open = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final Handshakes handshakes = new Handshakes(authTimeoutMs());
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AbandonedCalls abandoned;
    private volatile boolean closing;

    /**
     * Binds (port 0 picks a free port) without accepting yet.
     *
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is in use)
     */
    public ManagerServer(InetSocketAddress bind, byte[] key, Map<String, Function<Object[], Object>> registry,
            Set<String> allowed) {
        this(bind, key, registry, allowed, CallRoutes.LOCAL);
    }

    /**
     * Binds as {@link #ManagerServer(InetSocketAddress, byte[], Map, Set)} does, for a server that is a child
     * process of its clients' JVM: a call prints under the route its client names for this child.
     *
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static ManagerServer inChild(InetSocketAddress bind, byte[] key,
                                        Map<String, Function<Object[], Object>> registry, Set<String> allowed) {
        return new ManagerServer(bind, key, registry, allowed, CallRoutes.CHILD);
    }

    private ManagerServer(InetSocketAddress bind, byte[] key, Map<String, Function<Object[], Object>> registry,
            Set<String> allowed, CallRoutes routes) {
        this.key = key.clone();
        this.filter = new AllowList(allowed);
        this.dispatcher = new Dispatcher(registry, routes);
        ServerSocketChannel s = null;
        try {
            s = ServerSocketChannel.open();
            s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            s.bind(bind, 128);
            this.listener = s;
            this.bound = (InetSocketAddress) s.getLocalAddress();
            this.abandoned = new AbandonedCalls("manager-watch-" + bound.getPort());
            String warning = exposureWarning(bound);
            if (warning != null) System.err.println(warning);
        } catch (IOException e) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // never bound
                }
            }
            throw new UncheckedIOException("could not bind a manager server to " + bind + ": " + e.getMessage(), e);
        }
    }

    /** The handshake deadline: {@code -Dprocbook.manager.authTimeoutMs}, read when a server is made. */
    static int authTimeoutMs() {
        return Integer.getInteger("procbook.manager.authTimeoutMs", AUTH_TIMEOUT_MS);
    }

    /**
     * What to tell the user when a server listens where other hosts can reach it, or null on loopback: the
     * key authenticates both ends, but nothing is encrypted.
     */
    static String exposureWarning(InetSocketAddress bound) {
        if (bound.getAddress() != null && bound.getAddress().isLoopbackAddress()) return null;
        return "procbook: a manager listens on " + bound.getAddress().getHostAddress() + ":" + bound.getPort()
                + ", reachable from other hosts.\nIts auth key keeps strangers out, but traffic is not"
                + " encrypted: over untrusted networks\nlisten on 127.0.0.1 and connect through an ssh tunnel"
                + " (ssh -L).";
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return bound;
    }

    /** Accepts in a daemon thread and returns. */
    public void start() {
        Thread t = new Thread(this::acceptLoop, "manager-accept-" + bound.getPort());
        t.setDaemon(true);
        t.start();
    }

    /** Blocks until {@link #close()} is called (by another thread or by a client's shutdown request). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    private void acceptLoop() {
        try {
            while (!closing) {
                SocketChannel ch = listener.accept();
                SocketLink tcp;
                InetSocketAddress from;
                try {
                    tcp = new SocketLink(ch);
                    from = (InetSocketAddress) ch.getRemoteAddress();
                } catch (IOException e) {
                    ch.close();
                    continue;
                }
                Handshakes.Pending handshake = handshakes.begin(tcp, from.getAddress());
                Thread t = new Thread(() -> serve(tcp, handshake, from), "manager-conn-" + from.getPort());
                t.setDaemon(true);
                open.put(t, tcp);
                t.start();
            }
        } catch (IOException e) {
            // the listener was closed: we are stopping (or it broke, and stopping is all that is left)
            if (!closing) LOG.log(Level.WARNING, "manager server stopped: its listening socket failed", e);
        } finally {
            close();
        }
    }

    private void serve(SocketLink tcp, Handshakes.Pending handshake, InetSocketAddress peer) {
        Thread me = Thread.currentThread();
        Link link = tcp;
        AbandonedCalls.Watched watched = null;
        boolean slot = false;
        try {
            try {
                Auth.asServer(tcp.handshakeIn(), tcp.handshakeOut(), key);
                link = LocalUpgrade.asServer(tcp);
            } finally {
                handshake.done();
            }
            open.put(me, link);
            if (closing) return; // close() may have looked at our entry before the ring replaced it
            slot = slots.tryAcquire();
            if (!slot) return; // full: refuse rather than queue behind clients that may never leave
            if (link instanceof RingLink ring) watched = abandoned.watch(ring);
            ObjectChannel channel = new ObjectChannel(link, filter, ObjectChannel.Side.SERVER);
            while (!closing) {
                Object request;
                try {
                    request = channel.receive();
                } catch (ManagerException refused) {
                    // tell the caller which class was refused; the stream is unusable after it, so we hang up
                    channel.send(new ManagerProtocol.Reply(null, refused));
                    return;
                }
                if (!(request instanceof ManagerProtocol.Request r)) {
                    LOG.log(Level.DEBUG, "manager connection {0} sent a {1}, not a request; hanging up",
                            peer, request == null ? "null" : request.getClass().getName());
                    return; // not our protocol: drop the connection
                }
                ManagerProtocol.Reply reply;
                if (watched != null) watched.begin();
                try {
                    reply = dispatcher.handle(r);
                } finally {
                    if (watched != null) watched.end();
                }
                channel.send(reply);
                if (r instanceof ManagerProtocol.Shutdown) {
                    Thread stopper = new Thread(this::close, "manager-shutdown");
                    stopper.setDaemon(true);
                    stopper.start();
                    return;
                }
            }
        } catch (EOFException | SocketException e) {
            // the client went away (or we are closing): nothing to answer
            LOG.log(Level.DEBUG, () -> "manager connection " + peer + " ended: " + e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // garbage, a wrong key, a refused class, a timeout: this connection ends, the server carries on. The
            // client hears of it from its own side; the server's log has it for whoever asks (DEBUG).
            LOG.log(Level.DEBUG, () -> "manager connection " + peer + " dropped: " + e, e);
        } finally {
            if (watched != null) watched.forget();
            link.close();
            tcp.close();
            open.remove(me);
            if (slot) slots.release();
        }
    }

    /**
     * Stops accepting, closes every connection (their pending calls fail on the client side) and the port,
     * and waits (up to 10 s) for the connection threads to let go of what they hold.
     */
    @Override
    public void close() {
        closing = true;
        abandoned.close();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<Thread, Link> e : open.entrySet()) {
            e.getKey().interrupt(); // a call blocked in a take() or acquire() on the server ends too
            e.getValue().close();
            threads.add(e.getKey());
        }
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MS);
        for (Thread t : threads) {
            long left = end - System.nanoTime();
            if (t == Thread.currentThread() || left <= 0) continue;
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stopped.countDown();
    }
}
