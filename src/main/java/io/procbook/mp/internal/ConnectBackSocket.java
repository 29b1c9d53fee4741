package io.procbook.mp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A one-shot listening socket a child connects back to. Unix domain socket in a fresh private directory
 * (owner-only permissions, so no other user can connect), loopback TCP where Unix sockets are unavailable
 * or switched off ({@link Platform#unixSockets()}; the child then proves itself with the random token it was
 * given, as it always does). The socket file and its directory are
 * deleted as soon as the child has connected or the attempt is abandoned. A parent killed with SIGKILL while
 * a child was connecting leaves its directory behind; the directory is named after the owner's pid, and the
 * first listen of every JVM sweeps those of dead owners (Python's resource tracker idea).
 */
public final class ConnectBackSocket implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path dir;
    private final String address;

    /** Endpoints still listening, so that a JVM on its way out can remove their files first. */
    private static final java.util.Set<ConnectBackSocket> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ConnectBackSocket(ServerSocketChannel server, Path dir, String address) {
        this.server = server;
        this.dir = dir;
        this.address = address;
        OPEN.add(this);
    }

    /** Closes every endpoint still listening (at exit: a child being launched will never connect now). */
    public static void closeAll() {
        for (ConnectBackSocket e : OPEN) e.close();
    }

    private static final String PREFIX = "procbook-";
    private static final java.util.concurrent.atomic.AtomicBoolean SWEPT = new java.util.concurrent.atomic.AtomicBoolean();

    static ConnectBackSocket listen() throws IOException {
        if (SWEPT.compareAndSet(false, true)) sweepStale();
        Path dir = null;
        try {
            // procbook.transport=tcp forces the fallback (to test it, or where Unix sockets misbehave).
            if (!Platform.unixSockets() || "tcp".equals(System.getProperty("procbook.transport"))) {
                throw new UnsupportedOperationException();
            }
            dir = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
            Path sock = dir.resolve("s");
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(sock), 1);
            return new ConnectBackSocket(s, dir, "unix:" + sock);
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(dir);
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            return new ConnectBackSocket(s, null, "tcp:" + ((InetSocketAddress) s.getLocalAddress()).getPort());
        }
    }

    /** @return what to pass to {@link #connect} in the child */
    String address() {
        return address;
    }

    /** Blocks until a child connects (or {@link #close} is called from another thread). */
    SocketChannel accept() throws IOException {
        return server.accept();
    }

    /** Stops listening and removes the socket file and its directory; safe to call twice. */
    @Override
    public void close() {
        OPEN.remove(this);
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing was listening any more
        }
        deleteQuietly(dir);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) return;
        try {
            Files.deleteIfExists(dir.resolve("s"));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // the shutdown sweep cannot do better than this; the directory is private and empty
        }
    }

    /**
     * Deletes the socket directories whose owning JVM is dead.
     *
     * @return how many were deleted
     */
    public static int sweepStale() {
        int n = 0;
        try (var entries = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), PREFIX + "*")) {
            for (Path d : entries) {
                String[] parts = d.getFileName().toString().split("-");
                if (parts.length < 3) continue;
                long owner;
                try {
                    owner = Long.parseLong(parts[1]);
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) continue;
                deleteQuietly(d);
                if (!Files.exists(d)) n++;
            }
        } catch (IOException ignored) {
            // an unreadable temp dir: nothing we can sweep
        }
        return n;
    }

    /** Child side: connects to an address made by {@link #address()}. */
    public static SocketChannel connect(String address) throws IOException {
        if (address.startsWith("unix:")) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(address.substring(5)));
            return ch;
        }
        if (address.startsWith("tcp:")) {
            SocketChannel ch = SocketChannel.open();
            ch.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(address.substring(4))));
            ch.socket().setTcpNoDelay(true);
            return ch;
        }
        throw new IOException("unknown address " + address);
    }
}
