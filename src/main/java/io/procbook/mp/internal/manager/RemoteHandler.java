package io.procbook.mp.internal.manager;

import io.procbook.mp.UncheckedInterruptedException;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
 * conflict; a BlockingQueue's drainTo fills the caller's collection with remote polls. It serializes as the
 * server endpoint plus an object id, so a proxy sent to a child process or another host talks to the same object.
 * A call interrupted while it waits for the server fails at once (the connection is dropped, as its reply would
 * come too late): with {@link InterruptedException} if the method declares it (a queue's {@code take}), else
 * with {@link UncheckedInterruptedException}.
 */
public final class RemoteHandler implements InvocationHandler, Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<Method, String> SIGNATURES = new ConcurrentHashMap<>();

    private final Endpoint endpoint;
    private final long id;
    private final String label;
    private transient Client client;

    private RemoteHandler(Endpoint endpoint, long id, String label) {
        this.endpoint = endpoint;
        this.id = id;
        this.label = label;
    }

    /** Asks the server to create (or look up) the object registered as {@code typeid} and returns a proxy. */
    public static <T> T create(Endpoint endpoint, String typeid, Class<T> type, Object... args) {
        Client c = Client.of(endpoint);
        long id = (Long) c.call(new Messages.Create(typeid, args), typeid + "()", null);
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
            c = Client.of(endpoint);
            client = c;
        }
        return c;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        String name = m.getName();
        int n = args == null ? 0 : args.length;
        if (m.getDeclaringClass() == Object.class) {
            if (name.equals("equals") && args[0] != null && Proxy.isProxyClass(args[0].getClass())
                    && Proxy.getInvocationHandler(args[0]) instanceof RemoteHandler other
                    && other.id == id && other.endpoint.equals(endpoint)) {
                return true;
            }
            return remote(m, args);
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
            if ((Boolean) client().call(new Messages.ReplaceContents(id, before, after), label, "rewrite")) {
                return result;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> mapSnapshot() {
        return (Map<Object, Object>) client().call(new Messages.Snapshot(id), label, "snapshot");
    }

    @SuppressWarnings("unchecked")
    private List<Object> listSnapshot() {
        return (List<Object>) client().call(new Messages.Snapshot(id), label, "snapshot");
    }

    private Object remote(Method m, Object[] args) throws InterruptedException {
        String signature = SIGNATURES.computeIfAbsent(m, k -> {
            StringBuilder b = new StringBuilder(k.getName());
            for (Class<?> t : k.getParameterTypes()) b.append('|').append(t.getName());
            return b.toString();
        });
        try {
            return client().call(new Messages.Invoke(id, signature, args, Caller.token()), label, m.getName());
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
        return "proxy of " + label + " at " + endpoint;
    }
}
