package io.procbook.mp.internal.manager;

import io.procbook.mp.AuthenticationException;
import io.procbook.mp.ManagerException;
import io.procbook.mp.UncheckedInterruptedException;
import io.procbook.mp.internal.PrivateChannel;
import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The behaviour of every manager proxy. Abstract interface methods run on the server; default methods run
 * here and reach the server through the abstract ones, so the functions users pass ({@code compute},
 * {@code merge}, {@code computeIfAbsent}) never have to be Serializable: ConcurrentMap's defaults are
 * optimistic loops over the server's atomic putIfAbsent/replace/remove, hence atomic on the server.
 * Iteration and views (iterator, keySet, entrySet, values, subList) work on a consistent snapshot fetched in
 * one call and are read-only, since a local view cannot write through. List's removeIf/replaceAll/sort
 * compute the new contents here and install them with a compare-and-replace on the server, retrying on
 * conflict; a BlockingQueue's drainTo fills the caller's collection with remote polls.
 * A call interrupted while it waits for the server fails at once (the connection is dropped, as its reply would
 * come too late): with {@link InterruptedException} if the method declares it (a queue's {@code take}), else
 * with {@link UncheckedInterruptedException}.
 *
 * <p>Serialized, a proxy is its server's address and the object's id ({@link Form}), so a proxy sent to a
 * child process or another host talks to the same object. The auth key and the admitted classes go along only
 * in a {@link PrivateChannel} (to this process's own children); elsewhere the receiving process uses the key it
 * knows for that address ({@link ManagerKeys}). A proxy that a manager server reads as a value (a client put
 * it into a served map or queue) is kept there as an inert reference: the server never calls it, so a client
 * cannot make a server connect to an address of the client's choosing; it works again once a client reads it
 * back.
 */
public final class RemoteHandler implements InvocationHandler, Serializable {

    private static final long serialVersionUID = 2L;
    private static final Map<Method, String> SIGNATURES = new ConcurrentHashMap<>();

    private final transient String host;
    private final transient int port;
    private final transient long id;
    private final transient String label;
    /** Read by a manager server as a value: never called there. */
    private final transient boolean held;
    /** How to reach the server, once known (a proxy that came without its key learns it at its first call). */
    private transient volatile ManagerAddress endpoint;
    private transient Client client;

    private RemoteHandler(ManagerAddress endpoint, long id, String label) {
        this(endpoint.host(), endpoint.port(), id, label, endpoint, false);
    }

    private RemoteHandler(String host, int port, long id, String label, ManagerAddress endpoint, boolean held) {
        this.host = host;
        this.port = port;
        this.id = id;
        this.label = label;
        this.endpoint = endpoint;
        this.held = held;
    }

    /** Asks the server to create (or look up) the object registered as {@code typeid} and returns a proxy. */
    public static <T> T create(ManagerAddress endpoint, String typeid, Class<T> type, Object... args) {
        Client c = Client.of(endpoint);
        long id = (Long) c.call(new ManagerProtocol.Create(typeid, args, endpoint.route()), typeid + "()", null);
        RemoteHandler h = new RemoteHandler(endpoint, id, type.getSimpleName() + " '" + typeid + "'#" + id);
        h.client = c;
        return type.cast(Proxy.newProxyInstance(loader(type), new Class<?>[] {type}, h));
    }

    /**
     * How this process reaches the server of {@code proxy}: {@code "shared memory"} or {@code "TCP"}.
     *
     * @throws IllegalArgumentException if {@code proxy} is not a manager proxy
     */
    public static String transport(Object proxy) {
        if (!Proxy.isProxyClass(proxy.getClass()) || !(Proxy.getInvocationHandler(proxy) instanceof RemoteHandler h)) {
            throw new IllegalArgumentException("not a manager proxy: " + proxy.getClass().getName());
        }
        return h.client().transport();
    }

    private static ClassLoader loader(Class<?> type) {
        return type.getClassLoader() != null ? type.getClassLoader() : RemoteHandler.class.getClassLoader();
    }

    private Client client() {
        Client c = client;
        if (c == null) {
            c = Client.of(endpoint());
            client = c;
        }
        return c;
    }

    private ManagerAddress endpoint() {
        ManagerAddress e = endpoint;
        if (e != null) return e;
        if (held) {
            throw new ManagerException("the " + label + " proxy (manager at " + host + ":" + port + ") was sent"
                    + " to a manager server as a value: the server keeps it as a reference and never calls it;"
                    + " it works again in a client that reads it back");
        }
        e = ManagerKeys.lookup(host, port);
        if (e == null) {
            throw new AuthenticationException("no auth key for the manager at " + host + ":" + port + " in"
                    + " this process: a proxy carries its key only over private channels (to a child, through"
                    + " shared memory); connect a BaseManager with the key to " + host + ":" + port + " first");
        }
        endpoint = e;
        return e;
    }

    /** Whether both handlers stand for the same object of the same server. */
    private boolean sameObject(RemoteHandler other) {
        return other.id == id && other.port == port && other.host.equals(host);
    }

    /**
     * Whether this proxy cannot reach its server from here: it is held by a server, or it arrived without its
     * key and this process knows none for its address (yet).
     */
    private boolean detached() {
        return endpoint == null && (held || ManagerKeys.lookup(host, port) == null);
    }

    /**
     * Object's methods of a detached proxy, answered here from the address and id alone, so that a map or a
     * heap holding it can still be read (its other methods fail, see {@link #endpoint()}).
     */
    private Object localObjectMethod(String name) {
        switch (name) {
            case "hashCode": return (host.hashCode() * 31 + port) * 31 + Long.hashCode(id);
            case "equals": return false; // the same object was answered by the caller
            default: return "proxy of " + label + " at " + host + ":" + port
                    + (held ? " (held by a manager server)" : " (no auth key for it in this process)");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        String name = m.getName();
        int n = args == null ? 0 : args.length;
        if (m.getDeclaringClass() == Object.class) {
            if (name.equals("equals") && args[0] != null && Proxy.isProxyClass(args[0].getClass())
                    && Proxy.getInvocationHandler(args[0]) instanceof RemoteHandler other && sameObject(other)) {
                return true;
            }
            return detached() ? localObjectMethod(name) : remote(m, args);
        }
        if (proxy instanceof Map<?, ?> && n == 0 && (name.equals("keySet") || name.equals("values")
                || name.equals("entrySet"))) {
            Map<?, ?> snap = Collections.unmodifiableMap(mapSnapshot());
            return name.equals("keySet") ? snap.keySet() : name.equals("values") ? snap.values() : snap.entrySet();
        }
        if (proxy instanceof Collection<?>) {
            if (name.equals("iterator") && n == 0 || name.equals("spliterator") && n == 0) {
                List<?> snap = Collections.unmodifiableList(listSnapshot());
                return name.equals("iterator") ? snap.iterator() : snap.spliterator();
            }
            if (proxy instanceof List<?>) {
                Object local = listLocal(name, args, n);
                if (local != NOT_LOCAL) return local;
            }
            if (proxy instanceof BlockingQueue<?> q && name.equals("drainTo")) {
                return drain(q, (Collection<Object>) args[0], n == 1 ? Integer.MAX_VALUE : (Integer) args[1]);
            }
        }
        if (m.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, m, args);
        }
        return remote(m, args);
    }

    private static final Object NOT_LOCAL = new Object();

    /**
     * drainTo's collection must fill here, not as a copy on the server (where the items would be lost): each
     * item is taken with one atomic remote poll.
     */
    private static int drain(BlockingQueue<?> q, Collection<Object> into, int max) {
        int moved = 0;
        Object item;
        while (moved < max && (item = q.poll()) != null) {
            into.add(item);
            moved++;
        }
        return moved;
    }

    @SuppressWarnings("unchecked")
    private Object listLocal(String name, Object[] args, int n) {
        switch (name) {
            case "listIterator":
                List<?> snap = Collections.unmodifiableList(listSnapshot());
                return n == 0 ? snap.listIterator() : snap.listIterator((Integer) args[0]);
            case "subList":
                return Collections.unmodifiableList(listSnapshot().subList((Integer) args[0], (Integer) args[1]));
            case "removeIf":
                return rewrite(l -> l.removeIf((Predicate<Object>) args[0]));
            case "replaceAll":
                return rewrite(l -> {
                    l.replaceAll((UnaryOperator<Object>) args[0]);
                    return null;
                });
            case "sort":
                return rewrite(l -> {
                    l.sort((Comparator<Object>) args[0]);
                    return null;
                });
            default:
                return NOT_LOCAL;
        }
    }

    /** Optimistic whole-list update: compute locally from a snapshot, install only if nobody changed it. */
    private Object rewrite(java.util.function.Function<List<Object>, Object> change) {
        while (true) {
            List<Object> before = listSnapshot();
            List<Object> after = new ArrayList<>(before);
            Object result = change.apply(after);
            if ((Boolean) client().call(new ManagerProtocol.ReplaceContents(id, before, after), label, "rewrite")) {
                return result;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> mapSnapshot() {
        return (Map<Object, Object>) client().call(new ManagerProtocol.Snapshot(id), label, "snapshot");
    }

    @SuppressWarnings("unchecked")
    private List<Object> listSnapshot() {
        return (List<Object>) client().call(new ManagerProtocol.Snapshot(id), label, "snapshot");
    }

    private Object remote(Method m, Object[] args) throws InterruptedException {
        String signature = SIGNATURES.computeIfAbsent(m, k -> {
            StringBuilder b = new StringBuilder(k.getName());
            for (Class<?> t : k.getParameterTypes()) b.append('|').append(t.getName());
            return b.toString();
        });
        try {
            return client().call(new ManagerProtocol.Invoke(id, signature, args, Caller.token(), endpoint().route()), label,
                    m.getName());
        } catch (UncheckedInterruptedException e) {
            if (!declares(m, InterruptedException.class)) throw e;
            Thread.interrupted(); // as a blocking method of the JDK does: the exception replaces the status
            InterruptedException checked = new InterruptedException(e.getMessage());
            checked.initCause(e);
            throw checked;
        }
    }

    private static boolean declares(Method m, Class<? extends Throwable> type) {
        for (Class<?> t : m.getExceptionTypes()) {
            if (t.isAssignableFrom(type)) return true;
        }
        return false;
    }


    @Override
    public String toString() {
        return "proxy of " + label + " at " + host + ":" + port;
    }

    private Object writeReplace() {
        return new Form(this);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a manager proxy's handler travels only as its Form");
    }

    /**
     * The serialized form of a proxy's handler: the server's address, the object's id and its label; plus the
     * auth key and the admitted classes, in a {@link PrivateChannel} only. A form with a key is refused from
     * any other stream, and a form read by a manager server becomes a held reference (see the class comment).
     */
    static final class Form implements Serializable {

        private static final long serialVersionUID = 1L;
        private static final int MAX_KEY_BYTES = 4096;
        private static final int MAX_ALLOWED = 4096;

        private transient String host;
        private transient int port;
        private transient long id;
        private transient String label;
        private transient ManagerAddress endpoint;
        private transient boolean held;

        private Form(RemoteHandler h) {
            host = h.host;
            port = h.port;
            id = h.id;
            label = h.label;
            endpoint = h.endpoint;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            out.writeUTF(host);
            out.writeInt(port);
            out.writeLong(id);
            out.writeUTF(label);
            boolean secret = endpoint != null && PrivateChannel.carries(out);
            out.writeBoolean(secret);
            if (secret) {
                byte[] key = endpoint.key();
                out.writeInt(key.length);
                out.write(key);
                out.writeInt(endpoint.allowed().size());
                for (String a : endpoint.allowed()) out.writeUTF(a);
            }
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            host = in.readUTF();
            port = in.readInt();
            id = in.readLong();
            label = in.readUTF();
            held = ObjectChannel.readByServer(in);
            if (!in.readBoolean()) return;
            int n = in.readInt();
            if (n < 0 || n > MAX_KEY_BYTES) throw new InvalidObjectException("bad key length " + n);
            byte[] key = new byte[n];
            in.readFully(key);
            int k = in.readInt();
            if (k < 0 || k > MAX_ALLOWED) throw new InvalidObjectException("bad allow-list size " + k);
            Set<String> allowed = new HashSet<>();
            for (int i = 0; i < k; i++) allowed.add(in.readUTF());
            if (!PrivateChannel.carries(in)) { // read to its end first: the stream stays readable for the error
                throw new InvalidObjectException("a manager proxy carrying an auth key arrived over a channel that"
                        + " must not carry keys; refused");
            }
            endpoint = new ManagerAddress(host, port, key, allowed);
        }

        private Object readResolve() {
            if (held) return new RemoteHandler(host, port, id, label, null, true);
            if (endpoint != null) ManagerKeys.remember(endpoint); // as a child inherits its parent's authkey
            return new RemoteHandler(host, port, id, label, endpoint, false);
        }
    }
}
