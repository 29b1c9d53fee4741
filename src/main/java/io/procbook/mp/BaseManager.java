package io.procbook.mp;

import io.procbook.mp.internal.LazyLogger;
import io.procbook.mp.internal.manager.Auth;
import io.procbook.mp.internal.manager.Client;
import io.procbook.mp.internal.manager.ManagerAddress;
import io.procbook.mp.internal.manager.ManagerKeys;
import io.procbook.mp.internal.manager.ManagerServer;
import io.procbook.mp.internal.manager.RemoteHandler;
import io.procbook.mp.internal.manager.ServerChild;
import io.procbook.mp.internal.shm.ShmDir;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code multiprocessing.managers.BaseManager}: serves objects by name at a TCP address to clients
 * that know the auth key, possibly on other hosts. The serving side registers suppliers and calls
 * {@link #start()} (serve in a child process) or {@link #serve()} (serve in this thread); the connecting side
 * registers the names, calls {@link #connect()}, and gets proxies with {@link #get(String, Class)}:
 *
 * <pre>{@code
 * // master
 * byte[] key = System.getenv("TASK_KEY").getBytes();       // a secret of 16 bytes or more, never in the code
 * var master = new BaseManager(new InetSocketAddress("127.0.0.1", 5000), key);
 * master.register("get_task_queue", () -> taskQueue);     // a LinkedBlockingQueue
 * master.start();
 * BlockingQueue<Integer> tasks = master.get("get_task_queue", BlockingQueue.class);
 * // worker, another JVM or host
 * var worker = new BaseManager(new InetSocketAddress("127.0.0.1", 5000), key); // via ssh -L 5000:...
 * worker.register("get_task_queue");
 * worker.connect();
 * BlockingQueue<Integer> tasks = worker.get("get_task_queue", BlockingQueue.class);
 * Integer n = tasks.poll(1, TimeUnit.SECONDS);
 * }</pre>
 *
 * <p>Every connection authenticates first with a mutual HMAC-SHA256 challenge on the auth key, within one
 * deadline for the whole handshake (10 s; {@code -Dprocbook.manager.authTimeoutMs}); connections still
 * authenticating have a budget of their own, so clients without the key cannot take the places of those with
 * it. Nothing is deserialized before that, and afterwards only JDK value and collection types, procbook types
 * and the classes given to {@link #allow(Class...)} are, each value within bounds (64 MiB and 4 million objects
 * by default; {@code -Dprocbook.manager.maxMessageBytes}, {@code -Dprocbook.manager.maxMessageReferences}). A
 * proxy is one interface's view of the served object: each call is a round trip, runs on the server, and
 * re-throws the server's exception.
 *
 * <p>Transport: a client on another host talks TCP. A client on the server's host (same kernel, same
 * {@code /dev/shm}) moves its authenticated connection to a pair of shared-memory rings, and the TCP connection
 * stays open beside it only so that each side notices at once when the other process dies. The rings' file is
 * created readable by this user only, is named to the client only over the authenticated connection, and is
 * removed as soon as both sides have mapped it, so nothing is left in {@code /dev/shm} even if both processes
 * are killed; what arrives through it passes the same filter. Processes of the same user are trusted with
 * each other, as the JVM's attach mechanism already trusts them; where they must not be, start the JVMs with
 * {@code -Dprocbook.manager.local=false} (either side suffices) to keep every connection on TCP.
 *
 * <p>Interrupting a thread that waits in a proxy call ends the call: it throws {@link InterruptedException} if
 * the interface method declares it (a queue's {@code take}), else {@link UncheckedInterruptedException}; over
 * shared memory the server's side of the call is interrupted too, as it is when the client process dies, so a
 * {@code take()} left for nobody does not swallow the next item.
 *
 * <p>Keys and exposure: a key given by the user must be at least 16 bytes (a short one can be guessed offline from
 * one recorded handshake); use a long random secret and keep it off command lines (any local user can read
 * those), e.g. in an environment variable or a file only its owner can read. The key authenticates both ends
 * but nothing is encrypted: a server listening beyond loopback says so once on {@code System.err}; across an
 * untrusted network listen on 127.0.0.1 and reach it through an ssh tunnel ({@code ssh -L}).
 *
 * <p>Proxies are Serializable (as the server's address and the object's id) and can be handed to child
 * processes, which also receive the key, over their private channel only. Sent anywhere else (into another
 * manager's queue, to a file) a proxy carries no key: the receiving process uses the key it knows for that
 * address (from its own {@code connect()}), as a Python proxy uses its process's {@code authkey}. A proxy that
 * reaches a server as a value is kept there as an inert reference: the server never calls it (it works again
 * in a client that reads it back), so a client cannot make a server connect anywhere. Served
 * objects live until the server stops.
 *
 * <p>A {@code BaseManager} object is safe to use from several threads once configured (its methods
 * synchronize on it, so {@link #shutdown()} waits for a {@link #start()} in progress); proxies are safe from
 * any thread of any process. The {@code BaseManager} itself is not Serializable. A server started with
 * {@link #start()} is a daemon child of this process: it ends when this process ends, and then every proxy of
 * it, in any process, fails with {@link ManagerException}.
 */
public class BaseManager implements AutoCloseable {

    private static final System.Logger LOG = LazyLogger.of(BaseManager.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_SLICE = Duration.ofMillis(200);

    private final InetSocketAddress requested;
    private final byte[] authKey;
    private final Map<String, ServedSupplier<?>> served = new LinkedHashMap<>();
    private final Set<String> names = new LinkedHashSet<>();
    private final Set<String> allowed = new LinkedHashSet<>();
    private volatile ManagerAddress endpoint;
    private volatile Process serverProcess;
    private volatile ManagerServer localServer;

    /**
     * Creates a manager for {@code address}; nothing is started or connected yet. Never blocks.
     *
     * @param address where to serve or connect; port 0 with {@link #start()} or {@link #serve()} picks a free
     *                port, see {@link #address()}
     * @param authKey the shared secret, at least 16 bytes; both sides must use the same bytes (copied)
     * @throws NullPointerException     if {@code address} or {@code authKey} is null
     * @throws IllegalArgumentException if {@code authKey} is shorter than 16 bytes
     */
    public BaseManager(InetSocketAddress address, byte[] authKey) {
        this.requested = Objects.requireNonNull(address, "address");
        this.authKey = Auth.requireStrongKey(Objects.requireNonNull(authKey, "authKey")).clone();
    }

    /**
     * Serving side: serves the object {@code supplier} returns under {@code name}. Registering a name again
     * replaces its supplier.
     *
     * @param name     the name clients ask for with {@link #get}
     * @param supplier makes the object; with {@link #start()} it is copied into the server process, so it
     *                 must be Serializable (a lambda is), and so must what it captures
     * @return this
     * @throws IllegalStateException if the server was already started
     * @throws NullPointerException  if {@code name} or {@code supplier} is null
     */
    public synchronized BaseManager register(String name, ServedSupplier<?> supplier) {
        requireNotServing("register");
        served.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(supplier, "supplier"));
        names.add(name);
        return this;
    }

    /**
     * Connecting side: declares that the server serves {@code name} (Python's {@code register(name)} with no
     * callable), so {@link #get} may ask for it. Allowed at any time.
     *
     * @param name the name the server serves
     * @return this
     * @throws NullPointerException if {@code name} is null
     */
    public synchronized BaseManager register(String name) {
        names.add(Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * Admits instances of these classes (e.g. a record type put into a served queue) over this manager's
     * connections, in addition to JDK value and collection types. Both sides must allow the same classes.
     *
     * @param types the classes to admit
     * @return this
     * @throws IllegalStateException if already started or connected
     * @throws NullPointerException  if {@code types} or one of them is null
     */
    public synchronized BaseManager allow(Class<?>... types) {
        requireNotServing("allow");
        if (endpoint != null) throw new IllegalStateException("allow() must come before connect()");
        for (Class<?> t : types) allowed.add(t.getName());
        return this;
    }

    /**
     * Starts the server in a child process ({@link Process}) and returns once it accepts connections. The
     * suppliers are copied into the child (as a fork would), so a served queue lives in the child and this
     * process reaches it through {@link #get}, exactly as in Python. Blocks until the child reports, at most
     * 60 seconds; the wait is interruptible.
     *
     * @throws IllegalStateException         if already started
     * @throws ManagerException              if the child could not bind the address (e.g. the port is in
     *                                       use), exited before serving (the child's exception is the cause),
     *                                       or did not report within 60 s (it is then killed)
     * @throws IllegalArgumentException      if a supplier (or what it captures) is not Serializable; nothing
     *                                       was started
     * @throws java.io.UncheckedIOException  if the child JVM cannot be launched
     * @throws UncheckedInterruptedException if interrupted while waiting for the child's report (the child is
     *                                       killed and reaped first, whatever further interrupts come, and this
     *                                       manager is not started)
     */
    public synchronized void start() {
        requireNotServing("start");
        Map<String, ServedSupplier<?>> registry = new LinkedHashMap<>(served);
        Set<String> allow = Set.copyOf(allowed);
        String host = requested.getHostString();
        int port = requested.getPort();
        byte[] key = authKey.clone();
        Object reply;
        try (Queue<Object> ready = new Queue<>()) {
            Process p = new Process((Task) () -> ServerChild.run(host, port, key, registry, allow, ready));
            p.name("BaseManager-" + host + ":" + port).daemon(true);
            p.start();
            try {
                reply = awaitReady(p, ready);
            } catch (RuntimeException | Error failed) { // interrupted, or the child failed: no server left behind
                reap(p, true);
                throw failed;
            }
            if (reply instanceof ServerChild.BindFailure f) {
                reap(p, false);
                throw new ManagerException(f.message());
            }
            serverProcess = p;
        }
        ManagerAddress e = new ManagerAddress(connectHost(), (Integer) reply, authKey, allowed);
        Process server = serverProcess;
        e.routeToChild(server::outputRoute); // a served call prints where it was made (a notebook cell)
        endpoint = known(e);
    }

    /**
     * The server child's report, waited for in short slices so that a child that dies before reporting (a
     * supplier that cannot be copied, an error in its code) fails start() at once, with its reason, instead of
     * after the whole timeout.
     */
    private static Object awaitReady(Process p, Queue<Object> ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                return ready.get(READY_SLICE);
            } catch (QueueEmptyException e) {
                if (!p.isAlive()) {
                    p.join();
                    throw new ManagerException("the manager server process exited (code " + p.exitCode()
                            + ") before serving" + (p.exception() != null ? ": " + p.exception() : ""), p.exception());
                }
                if (System.nanoTime() - deadline >= 0) {
                    p.kill();
                    p.join();
                    throw new ManagerException("the manager server process did not start within " + START_TIMEOUT
                            + (p.exception() != null ? ": " + p.exception() : ""));
                }
            }
        }
    }

    /**
     * Serves in the calling thread until the server is shut down: a client's shutdown request, or
     * {@link #shutdown()} called from another thread (Python's {@code get_server().serve_forever()}). The
     * suppliers run in this process. The wait has no time limit and is interruptible.
     *
     * @throws IllegalStateException         if already started
     * @throws java.io.UncheckedIOException  if the address cannot be bound
     * @throws UncheckedInterruptedException if the thread is interrupted (the server is stopped first)
     */
    public void serve() {
        ManagerServer s = startLocal();
        try {
            s.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedInterruptedException(e);
        } finally {
            s.close();
        }
    }

    private synchronized ManagerServer startLocal() {
        requireNotServing("serve");
        ManagerServer s = new ManagerServer(requested, authKey, ServerChild.registryOf(served), allowed);
        s.start();
        localServer = s;
        ManagerAddress e = new ManagerAddress(connectHost(), s.address().getPort(), authKey, allowed);
        e.routeLocally();
        endpoint = known(e);
        return s;
    }

    /**
     * Connects to a server started elsewhere and authenticates, so a wrong key or an absent server shows here.
     *
     * Blocks for the connection and the challenge; interruptible.
     *
     * @return this
     * @throws AuthenticationException       if the server refuses the key
     * @throws ManagerException              if no manager answers at the address
     * @throws UncheckedInterruptedException if interrupted while connecting
     */
    public synchronized BaseManager connect() {
        ManagerAddress e = new ManagerAddress(requested.getHostString(), requested.getPort(), authKey, allowed);
        Client.of(e).check();
        endpoint = known(e);
        return this;
    }

    /**
     * Asks the server for the object registered as {@code name} and returns a proxy implementing
     * {@code type} (an interface the served object implements, e.g. {@code BlockingQueue.class}). One round
     * trip to the server, which calls the supplier (each call may make a new object, or return the same one,
     * as the supplier decides).
     *
     * <p>The result takes its full generic type from where it goes, so a raw interface is enough and no
     * unchecked conversion is needed:
     *
     * <pre>{@code BlockingQueue<Integer> tasks = manager.get("get_task_queue", BlockingQueue.class);}</pre>
     *
     * The type arguments ({@code Integer}) are not checked, as in Python: an item of another type fails where
     * it is used.
     *
     * @param name the registered name
     * @param type the interface the proxy implements; its raw form will do
     * @param <T>  the type the caller uses the proxy as: {@code type} or a parameterization of it
     * @return the proxy; Serializable, so it can be handed to other processes
     * @throws IllegalArgumentException      if {@code name} was not registered here or {@code type} is not an
     *                                       interface
     * @throws IllegalStateException         if neither started nor connected
     * @throws AuthenticationException       if this is the first connection and the server refuses the key
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server
     * @throws IllegalArgumentException      also if the server does not serve {@code name}
     * @throws NullPointerException          if the supplier returned null
     * @throws RuntimeException              what the supplier threw on the server, re-thrown as itself; a
     *                                       checked exception arrives wrapped in an
     *                                       {@link IllegalStateException}
     */
    // The proxy implements the erasure of T, which is all a generic type is at run time.
    @SuppressWarnings("unchecked")
    public <T> T get(String name, Class<? super T> type) {
        synchronized (this) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is not registered; call register(\"" + name
                        + "\") first (registered: " + names + ")");
            }
        }
        if (!type.isInterface()) {
            throw new IllegalArgumentException(type.getName() + " is not an interface: a proxy implements an"
                    + " interface of the served object");
        }
        return (T) RemoteHandler.create(requireEndpoint(), name, type);
    }

    /**
     * Returns the server's address. Never blocks.
     *
     * @return the server's address with its real port (after {@link #start()}, {@link #serve()} or
     *         {@link #connect()}); before that, the address given to the constructor
     */
    public InetSocketAddress address() {
        ManagerAddress e = endpoint;
        return e == null ? requested : new InetSocketAddress(e.host(), e.port());
    }

    /**
     * Stops the server: asks it to shut down over the network, then (for {@link #start()}) waits for its
     * process to exit, killing it after 30 s. Its port is free afterwards and it has left no file in the
     * shared-memory directory; proxies to it fail with a {@link ManagerException}. Idempotent; does nothing if
     * this side only connected (it then only closes this process's connections). Blocks for the server's
     * exit (at most about 40 s); the wait for the child is interruptible.
     *
     * @throws UncheckedInterruptedException if interrupted while waiting for the server process to exit (it is
     *                                       then killed instead, and reaped whatever further interrupts come,
     *                                       before this throws)
     */
    public synchronized void shutdown() {
        ManagerAddress e = endpoint;
        try {
            if (localServer != null) {
                localServer.close();
                localServer = null;
            }
            Process p = serverProcess;
            if (p != null) {
                serverProcess = null;
                boolean exited;
                try {
                    try {
                        Client.of(e).shutdownServer();
                    } catch (ManagerException gone) {
                        // the server is already gone; the process is reaped below
                        LOG.log(Level.DEBUG, () -> "manager server did not take the shutdown: " + gone);
                    }
                    exited = p.join(Duration.ofSeconds(30));
                } catch (RuntimeException | Error failed) { // interrupted: no orderly exit, but no server left
                    reap(p, true);
                    throw failed;
                }
                reap(p, !exited);
            }
        } finally {
            if (e != null) {
                Client.of(e).drop();
                ManagerKeys.forget(e);
            }
        }
    }

    /** This process now knows the key of the server at {@code e}, for proxies of it that come without one. */
    private static ManagerAddress known(ManagerAddress e) {
        ManagerKeys.remember(e);
        return e;
    }

    /**
     * Waits until the server child {@code p} is gone, killing it first if {@code kill}, even if this thread is
     * interrupted (the interrupt flag is set again at the end): this process is the only one that knows of it.
     * A child halts without running shutdown hooks, so the wake-up socket its server threads slept on is still
     * in the shared-memory directory: it is removed now rather than at the next process's sweep, once the OS
     * process is gone (join returns when the child reports its end, just before it halts).
     */
    private static void reap(Process p, boolean kill) {
        boolean interrupted = Thread.interrupted();
        try {
            if (kill) p.kill();
            while (true) {
                try {
                    p.join();
                    break;
                } catch (UncheckedInterruptedException e) {
                    interrupted = true;
                    Thread.interrupted(); // the exception set it again
                }
            }
            awaitGone(p.pid());
            ShmDir.sweep();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private static void awaitGone(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // still there: the sweep leaves its files to a later one
                LOG.log(Level.DEBUG, () -> "manager server " + pid + " still runs 10 s after its shutdown");
            }
        });
    }

    /**
     * {@link #shutdown()} if this side serves, else forgets the connections.
     *
     * @throws UncheckedInterruptedException as {@link #shutdown()}
     */
    @Override
    public void close() {
        shutdown();
    }

    private String connectHost() {
        return requested.getAddress() != null && requested.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : requested.getHostString();
    }

    private ManagerAddress requireEndpoint() {
        ManagerAddress e = endpoint;
        if (e == null) throw new IllegalStateException("call start(), serve() or connect() first");
        return e;
    }

    private void requireNotServing(String what) {
        if (serverProcess != null || localServer != null) {
            throw new IllegalStateException(what + "() after the server was started");
        }
    }

    /**
     * Describes the manager: its address and where it serves.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + address() + (serverProcess != null ? ", serving in pid "
                + serverProcess.pid() : localServer != null ? ", serving here" : "") + ")";
    }
}
