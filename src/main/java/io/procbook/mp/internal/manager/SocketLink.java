package io.procbook.mp.internal.manager;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * A manager connection over TCP. Nagle's algorithm is off on both sides: every message is one request or one
 * reply that the peer waits for, so holding it back to coalesce with the next only adds a delayed-ACK round.
 * A socket channel (not a plain Socket) so that a {@link RingLink} can later probe it without blocking.
 */
final class SocketLink implements Link {

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    SocketLink(SocketChannel channel) throws IOException {
        this.channel = channel;
        Socket s = channel.socket();
        s.setTcpNoDelay(true);
        s.setKeepAlive(true); // a peer host that vanished without a FIN is noticed eventually
        this.in = s.getInputStream();
        this.out = s.getOutputStream();
    }

    /** Connects to {@code address} within {@code timeoutMs}. */
    static SocketLink connect(InetSocketAddress address, int timeoutMs) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.socket().connect(address, timeoutMs);
            return new SocketLink(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    SocketChannel channel() {
        return channel;
    }

    /** Reads time out after {@code ms} (0: never), so a peer that stalls in a handshake is dropped. */
    void timeout(int ms) throws IOException {
        channel.socket().setSoTimeout(ms);
    }

    /**
     * Ends this side's reading: a thread blocked in a read (or the next read) sees end of file, cleans up what
     * it holds and closes the link itself. Does not block.
     */
    void endInput() {
        try {
            channel.shutdownInput();
        } catch (IOException ignored) {
            // already closed: its reader has ended too
        }
    }

    /** The raw streams for the handshake, unbuffered so that no byte meant for what follows is read ahead. */
    DataInputStream handshakeIn() {
        return new DataInputStream(in);
    }

    DataOutputStream handshakeOut() {
        return new DataOutputStream(out);
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return out;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already broken: nothing more to release
        }
    }

    @Override
    public String toString() {
        return "TCP";
    }
}
