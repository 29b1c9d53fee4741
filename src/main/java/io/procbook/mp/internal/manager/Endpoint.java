package io.procbook.mp.internal.manager;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a manager server is and how to talk to it: host, port, auth key and the extra classes its connections
 * allow. This is what a proxy carries when it is serialized (to a child process or another host).
 */
public final class Endpoint implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final byte[] key;
    private final Set<String> allowed;

    public Endpoint(String host, int port, byte[] key, Set<String> allowed) {
        this.host = host;
        this.port = port;
        this.key = key.clone();
        this.allowed = Set.copyOf(allowed);
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

    String poolKey() {
        return host + ":" + port + ":" + Base64.getEncoder().encodeToString(key) + ":" + new TreeSet<>(allowed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && e.port == port && e.host.equals(host) && Arrays.equals(e.key, key)
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
