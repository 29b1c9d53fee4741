package io.procbook.mp;

import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressView;

import java.io.Console;
import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * A progress bar as text on a stream, where there is no host (a plain Java program, a child process): on a
 * terminal, one line redrawn in place with a carriage return and ended with a newline once final; otherwise
 * (a log file, a pipe, the kernel's own log) a whole line at most every {@value #LINE_PERIOD_SECONDS} seconds
 * and the final line, so that a long job leaves a few lines, not thousands. Called as a {@link ProgressView}:
 * one call at a time.
 */
final class ConsoleProgress implements ProgressView {

    static final long LINE_PERIOD_SECONDS = 10;
    private static final long LINE_PERIOD_NANOS = LINE_PERIOD_SECONDS * 1_000_000_000L;
    private static volatile Boolean stderrTerminal;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private int lastWidth;
    private long lastLineNanos;

    ConsoleProgress(PrintStream out, boolean terminal, LongSupplier clock) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.lastLineNanos = clock.getAsLong();
    }

    /** The default view: this process's standard error as it is now. */
    static ConsoleProgress onStandardError(LongSupplier clock) {
        Boolean t = stderrTerminal;
        if (t == null) stderrTerminal = t = isTerminal();
        return new ConsoleProgress(System.err, t, clock);
    }

    @Override
    public void show(ProgressState state) {
        String line = state.text();
        if (terminal) {
            StringBuilder b = new StringBuilder(Math.max(line.length(), lastWidth) + 4).append('\r').append(line);
            for (int i = line.length(); i < lastWidth; i++) b.append(' '); // what a longer line left behind
            lastWidth = line.length();
            if (state.isFinal()) b.append(System.lineSeparator());
            out.print(b);
            out.flush();
            return;
        }
        long now = clock.getAsLong();
        if (!state.isFinal() && now - lastLineNanos < LINE_PERIOD_NANOS) return;
        lastLineNanos = now;
        out.println(line);
        out.flush();
    }

    /**
     * Whether this JVM talks to a terminal: {@code System.console()} exists only then before JDK 22; from JDK 22
     * on it exists when redirected too, and {@code Console.isTerminal()} (not in the Java 17 API) tells.
     */
    private static boolean isTerminal() {
        Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
