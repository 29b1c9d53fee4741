package io.procbook.mp.internal.manager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The auth keys this process knows, by server address: those of the managers it started or connected to, and
 * those that reached it with a proxy over a private channel (its parent's managers). A proxy that arrives
 * without its key (over a manager connection) takes it from here, as a Python proxy takes its process's
 * {@code authkey}; one whose server this process knows no key for fails at its first call.
 */
public final class ManagerKeys {

    private static final Map<String, ManagerAddress> KNOWN = new ConcurrentHashMap<>();

    private ManagerKeys() { }

    /**
     * Remembers how to reach the server at {@code e}'s address (replacing what was known for it). A client of a
     * server this JVM runs or started keeps that server's way of routing what calls print (see
     * {@link CallRoutes}).
     */
    public static void remember(ManagerAddress e) {
        KNOWN.compute(address(e.host(), e.port()), (a, old) -> {
            if (old != null) e.adoptRoutes(old);
            return e;
        });
    }

    /** Forgets {@code e} (a server that was shut down), unless another endpoint replaced it since. */
    public static void forget(ManagerAddress e) {
        KNOWN.remove(address(e.host(), e.port()), e);
    }

    /** How to reach the server at {@code host:port}, or null if this process knows no key for it. */
    static ManagerAddress lookup(String host, int port) {
        return KNOWN.get(address(host, port));
    }

    private static String address(String host, int port) {
        return host + ":" + port;
    }
}
