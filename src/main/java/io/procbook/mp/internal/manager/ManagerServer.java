package io.procbook.mp.internal.manager;

import io.procbook.mp.ManagerException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * A manager server: accepts TCP connections, authenticates each (with a read timeout, so a silent client is
 * dropped), then serves its requests on a thread of its own. One thread per connection is what lets a blocking
 * call (a queue's take, a lock's acquire, a barrier) wait without stopping the server for anyone else; the
 * number of connections is bounded so a flood of clients cannot exhaust the process.
 */
public final class ManagerServer implements AutoCloseable {

    /** How long a new connection may take to authenticate before it is dropped. */
    public static final int AUTH_TIMEOUT_MS = Integer.getInteger("procbook.manager.authTimeoutMs", 10_000);
    private static final int MAX_CONNECTIONS = 256;

    private final ServerSocket listener;
    private final byte[] key;
    private final AllowList filter;
    private final Dispatcher dispatcher;
    private final Map<Socket, Thread> open = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;

    /**
     * Binds (port 0 picks a free port) without accepting yet.
     *
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is in use)
     */
    public ManagerServer(InetSocketAddress bind, byte[] key, Map<String, Function<Object[], Object>> registry,
            Set<String> allowed) {
        this.key = key.clone();
        this.filter = new AllowList(allowed);
        this.dispatcher = new Dispatcher(registry);
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(bind, 128);
            this.listener = s;
        } catch (IOException e) {
            throw new UncheckedIOException("could not bind a manager server to " + bind + ": " + e.getMessage(), e);
        }
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Accepts in a daemon thread and returns. */
    public void start() {
        Thread t = new Thread(this::acceptLoop, "manager-accept-" + address().getPort());
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
                Socket s = listener.accept();
                if (!slots.tryAcquire()) {
                    s.close(); // full: refuse rather than queue behind clients that may never leave
                    continue;
                }
                Thread t = new Thread(() -> serve(s), "manager-conn-" + s.getPort());
                t.setDaemon(true);
                open.put(s, t);
                t.start();
            }
        } catch (IOException e) {
            // the listener was closed: we are stopping
        } finally {
            close();
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.setSoTimeout(AUTH_TIMEOUT_MS);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            Auth.asServer(in, out, key);
            s.setSoTimeout(0); // a call may legitimately block for a long time (a queue's take)
            ObjectChannel channel = new ObjectChannel(s, in, s.getOutputStream(), filter);
            while (!closing) {
                Object request;
                try {
                    request = channel.receive();
                } catch (ManagerException refused) {
                    // tell the caller which class was refused; the stream is unusable after it, so we hang up
                    channel.send(new Messages.Reply(null, refused));
                    return;
                }
                if (!(request instanceof Messages.Request r)) {
                    return; // not our protocol: drop the connection
                }
                channel.send(dispatcher.handle(r));
                if (r instanceof Messages.Shutdown) {
                    Thread stopper = new Thread(this::close, "manager-shutdown");
                    stopper.setDaemon(true);
                    stopper.start();
                    return;
                }
            }
        } catch (EOFException | SocketException e) {
            // the client went away (or we are closing): nothing to answer
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            // garbage, a wrong key, a refused class, a timeout: this connection ends, the server carries on
        } finally {
            open.remove(s);
            slots.release();
        }
    }

    /** Stops accepting, closes every connection (their pending calls fail on the client side) and the port. */
    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Map.Entry<Socket, Thread> e : open.entrySet()) {
            e.getValue().interrupt(); // a call blocked in a take() or acquire() on the server ends too
            try {
                e.getKey().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        stopped.countDown();
    }
}
