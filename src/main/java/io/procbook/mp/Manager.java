package io.procbook.mp;

import io.procbook.mp.internal.manager.Builtins;
import io.procbook.mp.internal.manager.Client;
import io.procbook.mp.internal.manager.Endpoint;
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
 */
public final class Manager implements AutoCloseable {

    private final ManagerServer server;
    private final Endpoint endpoint;

    /** Serves on 127.0.0.1, a free port, a random auth key. */
    public Manager() {
        this(new InetSocketAddress("127.0.0.1", 0), randomKey());
    }

    /**
     * Serves at {@code address} with {@code authKey}, admitting instances of {@code allowedTypes} (beyond the
     * JDK's value and collection types) as values.
     *
     * @throws java.io.UncheckedIOException if the address cannot be bound
     */
    public Manager(InetSocketAddress address, byte[] authKey, Class<?>... allowedTypes) {
        Set<String> allowed = Arrays.stream(allowedTypes).map(Class::getName).collect(Collectors.toSet());
        server = new ManagerServer(address, authKey, Builtins.registry(), allowed);
        server.start();
        String host = address.getAddress() != null && address.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : address.getHostString();
        endpoint = new Endpoint(host, server.address().getPort(), authKey, allowed);
    }

    private static byte[] randomKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return k;
    }

    /** A new empty map on the server (Python's {@code dict()}); accepts null keys and values. */
    public <K, V> ConcurrentMap<K, V> dict() {
        return proxy("dict", ConcurrentMap.class);
    }

    /** A new empty list on the server (Python's {@code list()}). */
    public <E> List<E> list() {
        return proxy("list", List.class);
    }

    /** A new empty {@link Namespace}. */
    public Namespace namespace() {
        return proxy("Namespace", Namespace.class);
    }

    /** A new unbounded FIFO queue on the server. */
    public <E> BlockingQueue<E> queue() {
        return queue(Integer.MAX_VALUE);
    }

    /** A new FIFO queue holding at most {@code capacity} items (put blocks when full). */
    public <E> BlockingQueue<E> queue(int capacity) {
        return proxy("Queue", BlockingQueue.class, capacity);
    }

    /** A new queue with task accounting ({@code taskDone}, {@code join}). */
    public <E> JoinableBlockingQueue<E> joinableQueue() {
        return proxy("JoinableQueue", JoinableBlockingQueue.class);
    }

    /** A new {@link ManagedValue} holding {@code initial}. */
    public <T> ManagedValue<T> value(T initial) {
        return proxy("Value", ManagedValue.class, initial);
    }

    /** A new fixed-size list holding a copy of {@code initial}: {@code set} works, {@code add} does not. */
    @SafeVarargs
    public final <E> List<E> array(E... initial) {
        return proxy("Array", List.class, (Object) initial.clone());
    }

    /** A new non-reentrant lock that any thread may release. */
    public Acquirable lock() {
        return proxy("Lock", Acquirable.class);
    }

    /** A new reentrant lock owned by the acquiring thread of the acquiring process. */
    public Acquirable rlock() {
        return proxy("RLock", Acquirable.class);
    }

    /** A new counting semaphore with {@code permits} permits. */
    public Acquirable semaphore(int permits) {
        return proxy("Semaphore", Acquirable.class, permits);
    }

    /** A new, unset {@link ManagedEvent}. */
    public ManagedEvent event() {
        return proxy("Event", ManagedEvent.class);
    }

    /** A new {@link ManagedCondition} with its own reentrant lock. */
    public ManagedCondition condition() {
        return proxy("Condition", ManagedCondition.class);
    }

    /** A new {@link ManagedBarrier} for {@code parties} parties. */
    public ManagedBarrier barrier(int parties) {
        return proxy("Barrier", ManagedBarrier.class, parties);
    }

    /** The server's address (127.0.0.1 and the port chosen). */
    public InetSocketAddress address() {
        return new InetSocketAddress(endpoint.host(), endpoint.port());
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(String typeid, Class<?> type, Object... args) {
        return (T) RemoteHandler.create(endpoint, typeid, type, args);
    }

    /**
     * Stops the server and frees its port. Calls blocked on the server end; proxies used afterwards (here or
     * in children) fail with {@link ManagerException}. Idempotent.
     */
    @Override
    public void close() {
        // This process's own connections first: a server side closed while its peer is still open lingers in
        // FIN_WAIT2 and keeps the port bound until the peer closes too.
        Client.of(endpoint).drop();
        server.close();
    }

    @Override
    public String toString() {
        return "Manager(" + address() + ")";
    }
}
