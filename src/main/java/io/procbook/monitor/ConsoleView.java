package io.procbook.monitor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link MonitorView} for programs without a notebook: prints the headline of the text form at most once per
 * period, and the whole final summary once.
 */
final class ConsoleView implements MonitorView {

    private final PrintStream out;
    private final long periodNanos;
    private long printedAtNanos;
    private boolean printedOnce;

    ConsoleView(PrintStream out, Duration period) {
        this.out = Objects.requireNonNull(out, "out");
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("period must be positive: " + period);
        this.periodNanos = period.toNanos();
    }

    @Override
    public void show(Map<String, Object> mimeBundle, Map<String, Object> metadata) { update(mimeBundle, metadata); }

    /** Text only: the program may be one with a window system of its own, which Java2D must not claim. */
    @Override
    public boolean showsImages() { return false; }

    @Override
    public void update(Map<String, Object> mimeBundle, Map<String, Object> metadata) {
        String text = String.valueOf(mimeBundle.get(MonitorBundles.TEXT));
        if (MonitorBundles.isSummary(mimeBundle)) {
            out.println(text);
            printedOnce = true;
            printedAtNanos = System.nanoTime();
            return;
        }
        long now = System.nanoTime();
        if (printedOnce && now - printedAtNanos < periodNanos) return;
        int newline = text.indexOf('\n');
        out.println(newline < 0 ? text : text.substring(0, newline));
        printedOnce = true;
        printedAtNanos = now;
    }
}
