package io.procbook.mp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * One end of the parent/child control connection: length-prefixed messages ({@code int length, byte type,
 * payload}) over a blocking channel. Reads happen on one thread; writes may come from any thread.
 *
 * <p>Why not {@code Channels.newInputStream}: on JDK 17 its streams over a {@code SocketChannel} take the
 * channel's blocking lock for the whole of a blocking read, so a writer on another thread would wait until
 * the peer sends something: a deadlock for request/response traffic.
 */
public final class Wire implements AutoCloseable {

    /** Messages above this size are refused: a corrupt length must not make us allocate gigabytes. */
    static final int MAX_MESSAGE = Integer.MAX_VALUE - 64;

    private final ByteChannel channel;
    private final Object writeLock = new Object();
    private final ByteBuffer header = ByteBuffer.allocate(5);

    public Wire(ByteChannel channel) {
        this.channel = channel;
    }

    /** A received message. */
    public record Message(byte type, byte[] payload) { }

    /**
     * Sends one message; safe to call from many threads at once (messages are never interleaved).
     *
     * @throws IOException if the connection is broken
     */
    public void send(byte type, byte[] payload) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(5).putInt(payload.length + 1).put(type).flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        synchronized (writeLock) {
            while (head.hasRemaining()) channel.write(head);
            while (body.hasRemaining()) channel.write(body);
        }
    }

    /**
     * Blocks until the next message arrives; only one thread may read.
     *
     * @return the message, or {@code null} at a clean end of stream (the peer closed or died)
     * @throws IOException if the stream breaks in the middle of a message
     */
    public Message receive() throws IOException {
        header.clear();
        if (!fill(header, true)) return null;
        header.flip();
        int length = header.getInt();
        byte type = header.get();
        if (length < 1 || length > MAX_MESSAGE) throw new IOException("corrupt message length " + length);
        ByteBuffer body = ByteBuffer.allocate(length - 1);
        if (!fill(body, false)) throw new EOFException("connection closed inside a message");
        return new Message(type, body.array());
    }

    private boolean fill(ByteBuffer buf, boolean eofAllowedAtStart) throws IOException {
        boolean started = false;
        while (buf.hasRemaining()) {
            int n = channel.read(buf);
            if (n < 0) {
                if (!started && eofAllowedAtStart) return false;
                throw new EOFException("connection closed inside a message");
            }
            if (n > 0) started = true;
        }
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a broken socket has nothing left to report
        }
    }
}
