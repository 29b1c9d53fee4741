package io.procbook.mp.internal.manager;

import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a manager server is and how this process talks to it: host, port, auth key and the extra classes its
 * connections admit. It is this process's own configuration and is never serialized: a proxy travels as its
 * address and object id ({@link ProxyRef}), and only a private channel to this user's own processes carries
 * the key and the admitted classes along.
 */
public final class ManagerAddress {

    private final String host;
    private final int port;
    private final byte[] key;
    private final Set<String> allowed;
    /** This JVM's context to the route its calls name (see {@link CallRoutes}); none: every call names 0. */
    private volatile java.util.function.ToIntFunction<Object> routes;

    public ManagerAddress(String host, int port, byte[] key, Set<String> allowed) {
        this.host = host;
        this.port = port;
        this.key = key.clone();
        this.allowed = Set.copyOf(allowed);
    }

    /**
     * Makes calls through this endpoint name a route for the calling thread's context: the server is a child
     * of this JVM and {@code childRoutes} gives this JVM's route numbers for it.
     */
    public void routeToChild(java.util.function.ToIntFunction<Object> childRoutes) {
        routes = childRoutes;
    }

    /** Makes calls through this endpoint name the calling thread's context: the server runs in this JVM. */
    public void routeLocally() {
        routes = CallRoutes::local;
    }

    /** Routes as {@code other} (an endpoint of the same server) does, unless this one was told how. */
    void adoptRoutes(ManagerAddress other) {
        if (routes == null && other != this) routes = other.routes;
    }

    /** @return the route the calling thread's calls name (see {@link CallRoutes}) */
    int route() {
        java.util.function.ToIntFunction<Object> r = routes;
        if (r == null) return 0;
        Object context = io.procbook.mp.spi.Hooks.currentContext();
        return context == null ? 0 : r.applyAsInt(context);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    byte[] key() {
        return key.clone();
    }

    Set<String> allowed() {
        return allowed;
    }

    /** Whether this endpoint is at {@code host:port}, whatever its key. */
    boolean at(String host, int port) {
        return this.port == port && this.host.equals(host);
    }

    String poolKey() {
        return host + ":" + port + ":" + Base64.getEncoder().encodeToString(key) + ":" + new TreeSet<>(allowed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManagerAddress e && e.port == port && e.host.equals(host) && Arrays.equals(e.key, key)
                && e.allowed.equals(allowed);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
