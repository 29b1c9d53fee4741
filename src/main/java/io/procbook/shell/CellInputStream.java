package io.procbook.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's {@code System.in}: a thread that belongs to a cell reads lines that the front end asks the user
 * for ({@link CellOutput#input}); any other thread reads the process's real standard input.
 */
final class CellInputStream extends InputStream {

    private final InputStream real;
    private final ThreadLocal<Line> lines = ThreadLocal.withInitial(Line::new);

    CellInputStream(InputStream real) {
        this.real = real;
    }

    InputStream real() {
        return real;
    }

    @Override
    public int read() throws IOException {
        Cell cell = CellBinding.current();
        if (cell == null) return real.read();
        Line line = fill(cell);
        return line.bytes[line.pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        Cell cell = CellBinding.current();
        if (cell == null) return real.read(b, off, len);
        Line line = fill(cell);
        int n = Math.min(len, line.bytes.length - line.pos);
        System.arraycopy(line.bytes, line.pos, b, off, n);
        line.pos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        if (CellBinding.current() == null) return real.available();
        Line line = lines.get();
        return line.bytes.length - line.pos;
    }

    @Override
    public void close() {
        // Closing System.in in one cell must not take it away from the next one.
    }

    private Line fill(Cell cell) throws IOException {
        Line line = lines.get();
        if (line.pos < line.bytes.length) return line;
        String text;
        try {
            text = cell.output().input("", false);
        } catch (IllegalStateException e) {
            throw new IOException("no input available: " + e.getMessage(), e);
        }
        line.bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        line.pos = 0;
        return line;
    }

    private static final class Line {
        byte[] bytes = new byte[0];
        int pos;
    }
}
