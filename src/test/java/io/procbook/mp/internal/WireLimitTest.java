package io.procbook.mp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The child connection's messages are bounded, and what a reader allocates follows what really arrives. */
class WireLimitTest {

    /** A channel that yields {@code bytes}, a few at a time, then end of stream; writes are kept. */
    private static final class Replay implements ByteChannel {
        private final ByteBuffer data;
        final java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();

        Replay(byte[] bytes) {
            data = ByteBuffer.wrap(bytes);
        }

        @Override
        public int read(ByteBuffer dst) {
            if (!data.hasRemaining()) return -1;
            int n = Math.min(Math.min(dst.remaining(), data.remaining()), 4096);
            ByteBuffer slice = data.slice().limit(n);
            dst.put(slice);
            data.position(data.position() + n);
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            byte[] b = new byte[n];
            src.get(b);
            written.writeBytes(b);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() { }
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void aLengthBeyondTheLimitIsRefusedUnread() {
        byte[] header = ByteBuffer.allocate(5).putInt(Wire.MAX_MESSAGE + 1).put((byte) 1).array();
        IOException e = assertThrows(IOException.class, () -> new Wire(new Replay(header)).receive());
        assertTrue(e.getMessage().contains("corrupt message length"), e.getMessage());
    }

    @Test
    void aPeerAnnouncingAHugeMessageAndSendingLittleMakesTheReaderAllocateLittle() {
        int announced = Wire.MAX_MESSAGE; // 1 GiB
        byte[] stream = ByteBuffer.allocate(5 + (1 << 20)).putInt(announced).put((byte) 1).array(); // 1 MiB of it
        long before = allocatedByThisThread();
        assertThrows(EOFException.class, () -> new Wire(new Replay(stream)).receive());
        long allocated = allocatedByThisThread() - before;
        assertTrue(allocated < 64L << 20, "allocated " + allocated + " bytes for 1 MiB received");
    }

    @Test
    void largeMessagesStillArriveWhole() throws IOException {
        byte[] payload = new byte[40 << 20]; // beyond the first allocation: the buffer grows as bytes come
        new Random(3).nextBytes(payload);
        Replay sent = new Replay(new byte[0]);
        new Wire(sent).send((byte) 7, payload);
        Wire.Message m = new Wire(new Replay(sent.written.toByteArray())).receive();
        assertEquals(7, m.type());
        assertArrayEquals(payload, m.payload());
    }
}
