package io.procbook.mp;

import io.procbook.mp.internal.manager.Auth;
import io.procbook.mp.internal.manager.Builtins;
import io.procbook.mp.internal.manager.Client;
import io.procbook.mp.internal.manager.ManagerAddress;
import io.procbook.mp.internal.manager.ManagerKeys;
import io.procbook.mp.internal.manager.ManagerServer;
import io.procbook.mp.internal.manager.RemoteHandler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * Python's {@code multiprocessing.Manager()}: a server holding ordinary Java objects (maps, lists, queues,
 * locks ...) that every process reaches through live proxies. Hand a proxy to a child {@link Process} (capture
 * it in the lambda or pass it as an argument) and the child's writes are seen by everyone:
 *
 * <pre>{@code
 * try (var m = new Manager()) {
 *     Map<String, Integer> d = m.dict();
 *     List<Long> l = m.list();
 *     var ps = IntStream.range(0, 10).mapToObj(i -> new Process(() -> { d.put("k" + i, i); l.add(ProcessHandle.current().pid()); })).toList();
 *     ps.forEach(Process::start); ps.forEach(Process::join);
 *     System.out.println(d + " " + l);
 * }
 * }</pre>
 *
 * <p>Where it serves: in background threads of this process, not in a child process as Python does. Python
 * needs a separate process to escape its GIL; Java threads run in parallel already, the server costs no JVM
 * start, and it can load every class this process can (a notebook's classes included). It listens on
 * 127.0.0.1 on a free port with a random auth key, so only local processes given a proxy can reach it.
 *
 * <p>Every proxy call is one round trip to the server, atomic there. A process on this host (a child, or any
 * process a proxy was handed to) makes its round trips through shared memory once its connection has
 * authenticated, which takes a few microseconds instead of the tens a loopback TCP round trip costs on an idle
 * machine; see {@link BaseManager} for how that connection is secured and how to turn it off.
 *
 * <p>Iteration, {@code toString} and views work on a consistent snapshot copy; {@code compute},
 * {@code merge}, {@code computeIfAbsent} and friends run the user's function in the caller and commit it with
 * the server's atomic {@code putIfAbsent}/{@code replace}/{@code remove}, retrying on conflict, so they are
 * atomic without sending the function (see {@link java.util.concurrent.ConcurrentMap}). Objects live until
 * {@link #close()}. A Manager is safe to use from several threads; proxies from any thread of any process.
 *
 * <p>Proxies: every method of a proxy made here waits for its round trip to the server, with no time limit of
 * its own (a blocking operation such as a queue's {@code take} waits on the server as long as it must). The
 * wait is interruptible: an interrupt drops the connection and throws {@link UncheckedInterruptedException}
 * (or {@link InterruptedException}, where the method declares it), though the call may still take effect on
 * the server. A server that cannot be reached, shuts down or dies makes the call throw
 * {@link ManagerException}; an exception thrown by the object on the server is re-thrown in the caller as
 * itself (or as a {@link RemoteTaskException}, if its class cannot travel). Proxies are Serializable, without
 * the key except to this process's children (see {@link BaseManager} for how keys travel): one sent
 * to another process reaches the same object. The {@code Manager} itself is not Serializable; if this process
 * dies, its server is gone, and every proxy of it, in any process, fails with {@link ManagerException}.
 */
public final class Manager implements AutoCloseable {

    /** The server, running in threads of this process. */
    private final ManagerServer server;
    /** How proxies reach the server. */
    private final ManagerAddress endpoint;

    /**
     * Starts a server on 127.0.0.1, a free port, with a random auth key. Returns once it listens.
     *
     * @throws java.io.UncheckedIOException if no port can be bound
     */
    public Manager() {
        this(new InetSocketAddress("127.0.0.1", 0), randomKey(), new Class<?>[0]);
    }

    /**
     * Starts a server at {@code address} with {@code authKey}, admitting instances of {@code allowedTypes}
     * (beyond the JDK's value and collection types) as values. Returns once it listens.
     *
     * @param address      where to listen; port 0 for a free port
     * @param authKey      the key every connecting process must prove it has, at least 16 bytes
     * @param allowedTypes further classes whose instances may be sent to the server as values
     * @throws java.io.UncheckedIOException if the address cannot be bound
     * @throws NullPointerException         if an argument, or one of {@code allowedTypes}, is null
     * @throws IllegalArgumentException     if {@code authKey} is shorter than 16 bytes
     */
    public Manager(InetSocketAddress address, byte[] authKey, Class<?>... allowedTypes) {
        Auth.requireStrongKey(authKey);
        Set<String> allowed = Arrays.stream(allowedTypes).map(Class::getName).collect(Collectors.toSet());
        server = new ManagerServer(address, authKey, Builtins.registry(), allowed);
        server.start();
        String host = address.getAddress() != null && address.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : address.getHostString();
        endpoint = new ManagerAddress(host, server.address().getPort(), authKey, allowed);
        endpoint.routeLocally();
        ManagerKeys.remember(endpoint);
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /**
     * Creates a new empty map on the server (Python's {@code dict()}); it accepts null keys and values. Makes one call to the server.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @return a proxy for the map
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public <K, V> ConcurrentMap<K, V> dict() {
        return proxy("dict", ConcurrentMap.class);
    }

    /**
     * Creates a new empty list on the server (Python's {@code list()}). Makes one call to the server.
     *
     * @param <E> the element type
     * @return a proxy for the list
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public <E> List<E> list() {
        return proxy("list", List.class);
    }

    /**
     * Creates a new empty {@link Namespace} on the server. Makes one call to the server.
     *
     * @return a proxy for it
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public Namespace namespace() {
        return proxy("Namespace", Namespace.class);
    }

    /**
     * Creates a new unbounded FIFO queue on the server. Makes one call to the server.
     *
     * @param <E> the element type
     * @return a proxy for the queue
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public <E> BlockingQueue<E> queue() {
        return queue(Integer.MAX_VALUE);
    }

    /**
     * Creates a new FIFO queue on the server holding at most {@code capacity} items ({@code put} blocks when full). Makes one call to the server.
     *
     * @param capacity the most items it holds
     * @param <E> the element type
     * @return a proxy for the queue
     * @throws IllegalArgumentException      if {@code capacity < 1} (thrown by the server)
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public <E> BlockingQueue<E> queue(int capacity) {
        return proxy("Queue", BlockingQueue.class, capacity);
    }

    /**
     * Creates a new unbounded queue on the server with task accounting ({@code taskDone}, {@code join}). Makes one call to the server.
     *
     * @param <E> the element type
     * @return a proxy for the queue
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public <E> JoinableBlockingQueue<E> joinableQueue() {
        return proxy("JoinableQueue", JoinableBlockingQueue.class);
    }

    /**
     * Creates a new {@link ManagedValue} on the server holding {@code initial}. Makes one call to the server.
     *
     * @param initial the first value; it is sent to the server
     * @param <T> the value type
     * @return a proxy for the value
     * @throws ManagerException             also if {@code initial} cannot be sent (not Serializable, or not on
     *                                       the allow-list)
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public <T> ManagedValue<T> value(T initial) {
        return proxy("Value", ManagedValue.class, initial);
    }

    /**
     * Creates a new fixed-size list on the server holding a copy of {@code initial}: {@code set} works, {@code add} does not. Makes one call to the server.
     *
     * @param initial the elements, copied
     * @param <E> the element type
     * @return a proxy for the list
     * @throws NullPointerException          if {@code initial} is null
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array's copy travels to the server as values; nothing here stores into it
    public final <E> List<E> array(E... initial) {
        return proxy("Array", List.class, (Object) initial.clone());
    }

    /**
     * Creates a new non-reentrant lock on the server that any thread of any process may release. Makes one call to the server.
     *
     * @return a proxy for the lock
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public Acquirable lock() {
        return proxy("Lock", Acquirable.class);
    }

    /**
     * Creates a new reentrant lock on the server, owned by the acquiring thread of the acquiring process. Makes one call to the server.
     *
     * @return a proxy for the lock
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public Acquirable rlock() {
        return proxy("RLock", Acquirable.class);
    }

    /**
     * Creates a new counting semaphore on the server. Makes one call to the server.
     *
     * @param permits the initial number of permits
     * @return a proxy for the semaphore
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public Acquirable semaphore(int permits) {
        return proxy("Semaphore", Acquirable.class, permits);
    }

    /**
     * Creates a new, unset {@link ManagedEvent} on the server. Makes one call to the server.
     *
     * @return a proxy for the event
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public ManagedEvent event() {
        return proxy("Event", ManagedEvent.class);
    }

    /**
     * Creates a new {@link ManagedCondition} on the server, with its own reentrant lock. Makes one call to the server.
     *
     * @return a proxy for the condition
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public ManagedCondition condition() {
        return proxy("Condition", ManagedCondition.class);
    }

    /**
     * Creates a new {@link ManagedBarrier} on the server. Makes one call to the server.
     *
     * @param parties how many parties must arrive to pass
     * @return a proxy for the barrier
     * @throws IllegalArgumentException      if {@code parties < 1} (thrown by the server)
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    public ManagedBarrier barrier(int parties) {
        return proxy("Barrier", ManagedBarrier.class, parties);
    }

    /**
     * Returns the server's address. Never blocks.
     *
     * @return the host proxies connect to (127.0.0.1 for the default or a wildcard address) and the port chosen
     */
    public InetSocketAddress address() {
        return new InetSocketAddress(endpoint.host(), endpoint.port());
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(String typeid, Class<?> type, Object... args) {
        return (T) RemoteHandler.create(endpoint, typeid, type, args);
    }

    /**
     * Stops the server and frees its port. Calls blocked on the server end; proxies used afterwards (here or
     * in children) fail with {@link ManagerException}. Idempotent. Blocks until the server's connection threads have
     * ended (they are interrupted, so calls blocked on the server end at once), at most 10 seconds; an interrupt
     * ends that wait early and leaves the interrupt flag set.
     */
    @Override
    public void close() {
        // This process's own connections first: a server side closed while its peer is still open lingers in
        // FIN_WAIT2 and keeps the port bound until the peer closes too.
        Client.of(endpoint).drop();
        ManagerKeys.forget(endpoint);
        server.close();
    }

    /**
     * Describes the manager by its address.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "Manager(" + address() + ")";
    }
}
