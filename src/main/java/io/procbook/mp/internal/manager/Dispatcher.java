package io.procbook.mp.internal.manager;

import io.procbook.mp.RemoteTaskException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The server's table of served objects and how requests act on them. Only methods declared by an interface the
 * object implements (plus toString/equals/hashCode) can be invoked: never {@code getClass}, never a
 * non-interface method. Objects stay served until the server stops (there is no distributed reference
 * counting): a notebook creates a handful of managed objects, and a registered supplier that returns the same
 * object every time (the seed's queues) gets the same id every time.
 */
final class Dispatcher {

    private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
            "boolean", boolean.class, "double", double.class, "float", float.class, "short", short.class,
            "byte", byte.class, "char", char.class);
    private static final AllowList JDK_ONLY = new AllowList(Set.of());

    private final Map<String, Function<Object[], Object>> registry;
    private final Map<Long, Object> objects = new ConcurrentHashMap<>();
    private final Map<Object, Long> ids = new IdentityHashMap<>();
    private final ClassValue<Map<String, Method>> methods = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };
    private long nextId = 1;

    private final CallRoutes routes;

    Dispatcher(Map<String, Function<Object[], Object>> registry, CallRoutes routes) {
        this.registry = Map.copyOf(registry);
        this.routes = routes;
    }

    ManagerProtocol.Reply handle(ManagerProtocol.Request request) {
        try {
            return new ManagerProtocol.Reply(act(request), null);
        } catch (InvocationTargetException e) {
            return new ManagerProtocol.Reply(null, transferable(e.getCause()));
        } catch (Throwable t) {
            return new ManagerProtocol.Reply(null, transferable(t));
        }
    }

    private Object act(ManagerProtocol.Request request) throws Exception {
        if (request instanceof ManagerProtocol.Invoke call) {
            Object target = object(call.id());
            Method m = method(target.getClass(), call.signature());
            Caller.serving(call.caller());
            try {
                Object[] args = call.args() == null ? new Object[0] : call.args();
                return routes.run(call.route(), () -> m.invoke(target, args));
            } finally {
                Caller.serving(null);
            }
        }
        if (request instanceof ManagerProtocol.Create create) {
            Function<Object[], Object> factory = registry.get(create.typeid());
            if (factory == null) {
                throw new IllegalArgumentException("no type registered as '" + create.typeid() + "' on this"
                        + " manager; registered: " + registry.keySet());
            }
            Object served = Objects.requireNonNull(routes.run(create.route(), () -> factory.apply(create.args())),
                    () -> "the factory registered as '" + create.typeid() + "' returned null");
            synchronized (ids) {
                Long id = ids.get(served);
                if (id == null) {
                    id = nextId++;
                    ids.put(served, id);
                    objects.put(id, served);
                }
                return id;
            }
        }
        if (request instanceof ManagerProtocol.Snapshot s) {
            Object target = object(s.id());
            synchronized (target) { // the mutex of Collections.synchronizedMap/List is the wrapper itself
                if (target instanceof Map<?, ?> map) return new LinkedHashMap<>(map);
                if (target instanceof Collection<?> c) return new ArrayList<>(c);
            }
            throw new IllegalArgumentException("object " + s.id() + " is not a Map or a Collection");
        }
        if (request instanceof ManagerProtocol.ReplaceContents r) {
            @SuppressWarnings("unchecked")
            List<Object> target = (List<Object>) object(r.id());
            synchronized (target) {
                if (!target.equals(r.expected())) return false;
                target.clear();
                target.addAll(r.replacement());
                return true;
            }
        }
        if (request instanceof ManagerProtocol.Shutdown) {
            return null; // the server stops once this reply is sent
        }
        throw new IllegalArgumentException("unknown request " + request.getClass().getSimpleName());
    }

    private Object object(long id) {
        Object o = objects.get(id);
        if (o == null) throw new IllegalArgumentException("no object with id " + id + " on this manager");
        return o;
    }

    private Method method(Class<?> c, String signature) throws ClassNotFoundException {
        Map<String, Method> known = methods.get(c);
        Method m = known.get(signature);
        if (m == null) {
            String[] parts = signature.split("\\|", -1);
            String name = parts[0];
            String[] params = java.util.Arrays.copyOfRange(parts, 1, parts.length);
            Class<?>[] types = new Class<?>[params.length];
            for (int i = 0; i < params.length; i++) {
                Class<?> p = PRIMITIVES.get(params[i]);
                types[i] = p != null ? p : Class.forName(params[i], false, classLoader(c));
            }
            m = find(c, name, types);
            known.put(signature, m);
        }
        return m;
    }

    private static ClassLoader classLoader(Class<?> c) {
        return c.getClassLoader() != null ? c.getClassLoader() : Dispatcher.class.getClassLoader();
    }

    private static Method find(Class<?> c, String name, Class<?>[] types) {
        if ((name.equals("toString") || name.equals("hashCode")) && types.length == 0
                || name.equals("equals") && types.length == 1 && types[0] == Object.class) {
            try {
                return Object.class.getMethod(name, types);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                Method m = findIn(i, name, types);
                if (m != null) return m;
            }
        }
        throw new UnsupportedOperationException("a served " + c.getName() + " has no interface method " + name
                + List.of(types));
    }

    private static Method findIn(Class<?> i, String name, Class<?>[] types) {
        try {
            return i.getMethod(name, types);
        } catch (NoSuchMethodException e) {
            for (Class<?> sup : i.getInterfaces()) {
                Method m = findIn(sup, name, types);
                if (m != null) return m;
            }
            return null;
        }
    }

    /** The exception as it can cross: itself if every class in it is a JDK or procbook one, else a stand-in. */
    private static Throwable transferable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (!JDK_ONLY.admits(c.getClass())) {
                return RemoteTaskException.copyOf(t);
            }
        }
        return t;
    }
}
