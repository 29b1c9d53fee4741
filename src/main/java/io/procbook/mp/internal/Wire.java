package io.procbook.mp.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.util.Arrays;

/**
 * One end of the parent/child control connection: length-prefixed messages ({@code int length, byte type,
 * payload}) over a blocking channel. Reads happen on one thread; writes may come from any thread.
 *
 * <p>Why not {@code Channels.newInputStream}: on JDK 17 its streams over a {@code SocketChannel} take the
 * channel's blocking lock for the whole of a blocking read, so a writer on another thread would wait until
 * the peer sends something: a deadlock for request/response traffic.
 */
public final class Wire implements AutoCloseable {

    /**
     * The largest message, type byte included: 1 GiB unless {@code -Dprocbook.maxWireMessage} says otherwise (a
     * task capturing a huge notebook variable, or a huge result, is one message). A longer one is refused
     * when sent and when announced.
     */
    static final int MAX_MESSAGE = Integer.getInteger("procbook.maxWireMessage", 1 << 30);
    /**
     * A body longer than this is read into a buffer that grows as its bytes arrive: a corrupt or hostile
     * length makes the reader allocate what the peer really sends, not what it announces.
     */
    private static final int ALLOCATE_AHEAD = 16 << 20;

    private final ByteChannel channel;
    private final Object writeLock = new Object();
    /**
     * Read-ahead: one read call takes whatever has arrived, often many small messages (a pool worker's
     * results), instead of two calls per message. Native memory, which the channel reads into without a
     * copy. Kept flipped (ready for get) between calls.
     */
    private final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024).flip();
    /**
     * Small messages are composed here, header and body, and written with one call from native memory (the
     * channel would copy heap buffers into a temporary native one first). A pool of tiny tasks sends one such
     * message per task. Guarded by {@code writeLock}.
     */
    private final ByteBuffer out = ByteBuffer.allocateDirect(SMALL);
    private static final int SMALL = 16 * 1024;

    public Wire(ByteChannel channel) {
        this.channel = channel;
    }

    /** A received message. */
    public record Message(byte type, byte[] payload) { }

    /**
     * Sends one message; safe to call from many threads at once (messages are never interleaved).
     *
     * @throws IOException              if the connection is broken
     * @throws IllegalArgumentException if the payload is longer than a message may be (nothing is sent)
     */
    public void send(byte type, byte[] payload) throws IOException {
        if (payload.length > MAX_MESSAGE - 1) {
            throw new IllegalArgumentException("cannot send " + payload.length + " bytes between processes at once:"
                    + " at most " + (MAX_MESSAGE - 1) + " (-Dprocbook.maxWireMessage)");
        }
        if (payload.length <= SMALL - 5) {
            synchronized (writeLock) {
                out.clear();
                out.putInt(payload.length + 1).put(type).put(payload).flip();
                while (out.hasRemaining()) channel.write(out);
            }
            return;
        }
        ByteBuffer head = ByteBuffer.allocate(5).putInt(payload.length + 1).put(type).flip();
        ByteBuffer body = ByteBuffer.wrap(payload);
        synchronized (writeLock) {
            if (channel instanceof GatheringByteChannel g) {
                // one system call for header and body where the channel allows it
                ByteBuffer[] both = {head, body};
                while (body.hasRemaining() || head.hasRemaining()) g.write(both);
            } else {
                while (head.hasRemaining()) channel.write(head);
                while (body.hasRemaining()) channel.write(body);
            }
        }
    }

    /**
     * Blocks until the next message arrives; only one thread may read.
     *
     * @return the message, or {@code null} at a clean end of stream (the peer closed or died)
     * @throws IOException if the stream breaks in the middle of a message
     */
    public Message receive() throws IOException {
        if (!buffer(5, true)) return null;
        int length = in.getInt();
        byte type = in.get();
        if (length < 1 || length > MAX_MESSAGE) {
            throw new IOException("corrupt message length " + length + " (at most " + MAX_MESSAGE + ")");
        }
        int size = length - 1;
        byte[] body = new byte[Math.min(size, ALLOCATE_AHEAD)];
        int have = Math.min(size, in.remaining());
        in.get(body, 0, have);
        while (have < size) {
            if (have == body.length) body = Arrays.copyOf(body, (int) Math.min(size, 2L * body.length));
            ByteBuffer rest = ByteBuffer.wrap(body, have, body.length - have);
            int r = channel.read(rest);
            if (r < 0) throw new EOFException("connection closed inside a message");
            have += r;
        }
        return new Message(type, body);
    }

    /** Reads until {@code n} bytes are buffered; {@code false} at a clean end of stream before any byte. */
    private boolean buffer(int n, boolean eofAllowedAtStart) throws IOException {
        while (in.remaining() < n) {
            in.compact();
            int r;
            try {
                r = channel.read(in);
            } finally {
                in.flip();
            }
            if (r < 0) {
                if (in.remaining() == 0 && eofAllowedAtStart) return false;
                throw new EOFException("connection closed inside a message");
            }
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
