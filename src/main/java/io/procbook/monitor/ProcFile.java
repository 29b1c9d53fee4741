package io.procbook.monitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file under {@code /proc}, kept open and re-read from offset 0 on every sample. The kernel regenerates
 * such files on each read at offset 0, so keeping the descriptor saves an open/close per sample, and the one
 * direct buffer means a sample allocates nothing. An open descriptor of {@code /proc/<pid>/...} also stays
 * bound to that process: once it is reaped, reads fail instead of silently showing a recycled pid.
 */
final class ProcFile implements AutoCloseable {

    private final FileChannel channel;
    private final ByteBuffer buffer;

    private ProcFile(FileChannel channel, int capacity) {
        this.channel = channel;
        this.buffer = ByteBuffer.allocateDirect(capacity);
    }

    /**
     * @throws IOException if the file cannot be opened (e.g. the process has already gone)
     */
    static ProcFile open(Path path, int capacity) throws IOException {
        return new ProcFile(FileChannel.open(path, StandardOpenOption.READ), capacity);
    }

    /**
     * Reads the file again into the buffer (as much as fits).
     *
     * @return {@code false} if nothing could be read (the process has gone)
     */
    boolean reload() {
        buffer.clear();
        try {
            long position = 0;
            int n;
            while (buffer.hasRemaining() && (n = channel.read(buffer, position)) > 0) position += n;
        } catch (IOException e) {
            buffer.clear().limit(0);
            return false;
        }
        buffer.flip();
        return buffer.hasRemaining();
    }

    /** @return the bytes of the last {@link #reload()}, from 0 to the limit */
    ByteBuffer bytes() { return buffer; }

    /**
     * Parses the unsigned decimal number starting at {@code from}, after any spaces or tabs.
     *
     * @return the number, or -1 if there is none
     */
    static long number(ByteBuffer b, int from) {
        int i = from;
        while (i < b.limit() && (b.get(i) == ' ' || b.get(i) == '\t')) i++;
        if (i >= b.limit() || b.get(i) < '0' || b.get(i) > '9') return -1;
        long value = 0;
        for (; i < b.limit(); i++) {
            byte c = b.get(i);
            if (c < '0' || c > '9') break;
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * @return the index just after {@code prefix} where it starts a line, or -1 if no line starts with it
     */
    static int afterLinePrefix(ByteBuffer b, byte[] prefix) {
        int lineStart = 0;
        while (lineStart < b.limit()) {
            if (startsWith(b, lineStart, prefix)) return lineStart + prefix.length;
            int i = lineStart;
            while (i < b.limit() && b.get(i) != '\n') i++;
            lineStart = i + 1;
        }
        return -1;
    }

    private static boolean startsWith(ByteBuffer b, int at, byte[] prefix) {
        if (at + prefix.length > b.limit()) return false;
        for (int k = 0; k < prefix.length; k++) if (b.get(at + k) != prefix[k]) return false;
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a read-only /proc descriptor cannot lose data; nothing to report
        }
    }
}
