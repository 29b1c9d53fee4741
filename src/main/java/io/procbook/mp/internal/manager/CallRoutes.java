package io.procbook.mp.internal.manager;

import io.procbook.mp.internal.OutputRoute;
import io.procbook.mp.internal.OutputSync;
import io.procbook.mp.spi.Hooks;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Where what a served call prints goes: to the context (under the kernel, the notebook cell) that made the
 * call, as a pool task's output does. A call carries a route number its client chose for its own context
 * ({@link ManagerAddress#route}); the server runs the call under it:
 * <ul>
 *   <li>{@link #CHILD}: the server is a child process of the client's JVM ({@code BaseManager.start()}): the
 *       number is one of that JVM's routes for the child, and the call prints under it ({@link OutputRoute});</li>
 *   <li>{@link #LOCAL}: the server runs in the client's JVM ({@code Manager}, {@code BaseManager.serve()}): the
 *       number names a context of this JVM ({@link #local}), and the call runs in it.</li>
 * </ul>
 * A client that cannot name a route (another process, another host) sends 0: the call prints where the server
 * itself prints.
 */
enum CallRoutes {

    CHILD {
        @Override
        <T> T run(int route, Callable<T> call) throws Exception {
            if (route == OutputRoute.OWN) return call.call();
            int before = OutputRoute.set(route);
            long printed = OutputSync.printed();
            try {
                return call.call();
            } finally {
                OutputRoute.set(before);
                // The reply takes the manager's connection, the output the child's own: a call that printed
                // waits until its lines are in the caller's cell, so that they come before what the caller
                // prints after the call returns.
                if (OutputSync.printed() != printed) OutputSync.awaitDelivered();
            }
        }
    },

    LOCAL {
        @Override
        <T> T run(int route, Callable<T> call) throws Exception {
            Object context = contextOf(route);
            if (context == null) return call.call();
            Object[] result = new Object[1];
            Exception[] failure = new Exception[1];
            Hooks.runIn(context, () -> {
                try {
                    result[0] = call.call();
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) throw failure[0];
            @SuppressWarnings("unchecked")
            T value = (T) result[0];
            return value;
        }
    };

    /** Runs {@code call} under {@code route}, returning what it returns or throwing what it throws. */
    abstract <T> T run(int route, Callable<T> call) throws Exception;

    /** The contexts of this JVM by number (index + 1), for servers in this JVM; guarded by itself. */
    private static final List<Object> CONTEXTS = new ArrayList<>();
    private static final Map<Object, Integer> NUMBERS = new IdentityHashMap<>();

    /** @return the number of this JVM's {@code context} for a server in this JVM, 0 for none */
    static int local(Object context) {
        if (context == null) return OutputRoute.OWN;
        synchronized (CONTEXTS) {
            return NUMBERS.computeIfAbsent(context, c -> {
                CONTEXTS.add(c);
                return CONTEXTS.size();
            });
        }
    }

    private static Object contextOf(int route) {
        synchronized (CONTEXTS) {
            return route > 0 && route <= CONTEXTS.size() ? CONTEXTS.get(route - 1) : null;
        }
    }
}
