package io.procbook.shell;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The kernel's {@code System.out} / {@code System.err}: text written by a thread that belongs to a cell goes to
 * that cell's {@link CellOutput} stream; text of any other thread goes to the process's real stream.
 *
 * <p>Strings are handed over as they are (no encode/decode round trip); raw bytes are decoded as UTF-8 per
 * thread, holding back a character split across writes. Nothing is buffered here: the cell keeps each
 * thread's lines whole ({@link WholeLines}; {@link #flush()} lets a partial line go) and its {@link CellOutput}
 * coalesces. A {@link CellOutput} that itself prints (say, a log line) reaches the real stream rather than
 * recursing.
 */
final class CellPrintStream extends PrintStream {

    private final String name;
    private final PrintStream real;
    private final ThreadLocal<Utf8Chunks> decoders = ThreadLocal.withInitial(Utf8Chunks::new);
    private final ThreadLocal<boolean[]> emitting = ThreadLocal.withInitial(() -> new boolean[1]);

    CellPrintStream(String name, PrintStream real) {
        super(new RoutedBytes(), false, StandardCharsets.UTF_8);
        ((RoutedBytes) out).owner = this;
        this.name = name;
        this.real = real;
    }

    /** @return the process's stream this one falls back to */
    PrintStream real() {
        return real;
    }

    private void emit(String s) {
        Cell cell = CellBinding.current();
        if (cell == null) {
            real.print(s);
            return;
        }
        boolean[] busy = emitting.get();
        if (busy[0]) {
            real.print(s);
            return;
        }
        busy[0] = true;
        try {
            cell.output().stream(name, s);
        } finally {
            busy[0] = false;
        }
    }

    private void emitBytes(byte[] b, int off, int len) {
        if (len <= 0) return;
        if (CellBinding.current() == null) {
            real.write(b, off, len);
            return;
        }
        String s = decoders.get().decode(b, off, len);
        if (!s.isEmpty()) emit(s);
    }

    @Override public void write(int b) { emitBytes(new byte[] {(byte) b}, 0, 1); }
    @Override public void write(byte[] b, int off, int len) { emitBytes(b, off, len); }
    @Override public void write(byte[] b) { emitBytes(b, 0, b.length); }
    @Override public void writeBytes(byte[] b) { emitBytes(b, 0, b.length); }

    @Override public void print(boolean b) { emit(String.valueOf(b)); }
    @Override public void print(char c) { emit(String.valueOf(c)); }
    @Override public void print(int i) { emit(String.valueOf(i)); }
    @Override public void print(long l) { emit(String.valueOf(l)); }
    @Override public void print(float f) { emit(String.valueOf(f)); }
    @Override public void print(double d) { emit(String.valueOf(d)); }
    @Override public void print(char[] s) { emit(String.valueOf(s)); }
    @Override public void print(String s) { emit(String.valueOf(s)); }
    @Override public void print(Object obj) { emit(String.valueOf(obj)); }

    @Override public void println() { emit("\n"); }
    @Override public void println(boolean x) { emit(x + "\n"); }
    @Override public void println(char x) { emit(x + "\n"); }
    @Override public void println(int x) { emit(x + "\n"); }
    @Override public void println(long x) { emit(x + "\n"); }
    @Override public void println(float x) { emit(x + "\n"); }
    @Override public void println(double x) { emit(x + "\n"); }
    @Override public void println(char[] x) { emit(String.valueOf(x) + "\n"); }
    @Override public void println(String x) { emit(x + "\n"); }
    @Override public void println(Object x) { emit(String.valueOf(x) + "\n"); }

    @Override public PrintStream printf(String format, Object... args) { return format(format, args); }
    @Override public PrintStream printf(Locale l, String format, Object... args) { return format(l, format, args); }

    @Override
    public PrintStream format(String format, Object... args) {
        emit(String.format(format, args));
        return this;
    }

    @Override
    public PrintStream format(Locale l, String format, Object... args) {
        emit(String.format(l, format, args));
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq) {
        emit(String.valueOf(csq));
        return this;
    }

    @Override
    public PrintStream append(CharSequence csq, int start, int end) {
        emit(String.valueOf(csq == null ? "null" : csq).substring(start, end));
        return this;
    }

    @Override
    public PrintStream append(char c) {
        emit(String.valueOf(c));
        return this;
    }

    @Override
    public void flush() {
        // An explicit flush is the way to show a partial line now (Python's flush=True); complete lines are
        // already handed over, and the CellOutput delivers them within its own deadline.
        Cell cell = CellBinding.current();
        if (cell == null) real.flush();
        else cell.lines().flush(Thread.currentThread(), name);
    }

    @Override
    public void close() {
        // User code closing System.out must not close the kernel's stream for everyone else.
        flush();
    }

    @Override
    public boolean checkError() {
        return real.checkError();
    }

    /** Bytes written through PrintStream's own paths (none are left, but be safe) take the same route. */
    private static final class RoutedBytes extends OutputStream {
        CellPrintStream owner;

        @Override public void write(int b) { owner.write(b); }
        @Override public void write(byte[] b, int off, int len) { owner.write(b, off, len); }
    }
}
