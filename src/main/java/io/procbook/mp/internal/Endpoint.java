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
 * (the child then proves itself with the random token it was given). The socket file and its directory are
 * deleted as soon as the child has connected or the attempt is abandoned.
 */
public final class Endpoint implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path dir;
    private final String address;

    private Endpoint(ServerSocketChannel server, Path dir, String address) {
        this.server = server;
        this.dir = dir;
        this.address = address;
    }

    static Endpoint listen() throws IOException {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("procbook-");
            Path sock = dir.resolve("s");
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(sock), 1);
            return new Endpoint(s, dir, "unix:" + sock);
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(dir);
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            return new Endpoint(s, null, "tcp:" + ((InetSocketAddress) s.getLocalAddress()).getPort());
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
