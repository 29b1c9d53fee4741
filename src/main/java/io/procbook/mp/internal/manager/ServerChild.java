package io.procbook.mp.internal.manager;

import io.procbook.mp.Queue;
import io.procbook.mp.ServedSupplier;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a {@code BaseManager.start()} child process runs: bind, report the bound port (or why binding failed)
 * to the parent through a shared-memory queue, serve until a client asks to shut down.
 */
public final class ServerChild {

    private ServerChild() { }

    /** Reported on {@code ready} when binding failed. */
    public record BindFailure(String message) implements Serializable { }

    public static void run(String host, int port, byte[] key, Map<String, ServedSupplier<?>> registry,
            Set<String> allowed, Queue<Object> ready) throws InterruptedException {
        ManagerServer server;
        try (ready) { // closing it here lets its shared-memory file go while the server runs on
            try {
                server = ManagerServer.inChild(new InetSocketAddress(host, port), key, registryOf(registry), allowed);
            } catch (RuntimeException e) {
                ready.put(new BindFailure(e.getMessage()));
                return;
            }
            server.start();
            ready.put(server.address().getPort());
        }
        server.awaitStop();
    }

    /** A BaseManager's registrations as the server's factories (its suppliers take no arguments). */
    public static Map<String, Function<Object[], Object>> registryOf(Map<String, ServedSupplier<?>> suppliers) {
        Map<String, Function<Object[], Object>> r = new LinkedHashMap<>();
        suppliers.forEach((name, supplier) -> r.put(name, args -> {
            try {
                return supplier.get();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the supplier registered as '" + name + "' failed: " + e, e);
            }
        }));
        return r;
    }
}
