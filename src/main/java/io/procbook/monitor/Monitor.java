package io.procbook.monitor;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The monitor as seen from code: the on/off switch ({@code %monitor on|off}), showing the current cell's
 * monitor, the recorded samples for one's own plots, and a console monitor for programs without a notebook.
 *
 * <p>Inside the kernel every cell has a {@link CellMonitor} (created and fed by the kernel); a display appears
 * by itself when the cell starts processes or busy threads. Without a kernel nothing is monitored unless
 * {@link #console} is called. All methods are safe for use by many threads.
 */
public final class Monitor {

    private static volatile boolean enabled = true;
    private static volatile MonitorHost host;
    private static volatile CellMonitor latest;

    private Monitor() { }

    /**
     * Switches monitoring on or off for monitors created or fed from now on. Switching off also stops every
     * monitor that is sampling now, leaving its summary.
     *
     * @param on whether monitors watch anything
     */
    public static void setEnabled(boolean on) {
        enabled = on;
        if (!on) for (CellMonitor m : Sampler.instance().attached()) m.close();
    }

    /** @return whether monitoring is on (the default) */
    public static boolean isEnabled() { return enabled; }

    /**
     * Installs the kernel's hooks; with {@code null}, {@link #show()} and {@link #showSummary()} have nowhere
     * to display.
     *
     * @param newHost the host, or {@code null}
     */
    public static void setHost(MonitorHost newHost) { host = newHost; }

    /**
     * Shows the current cell's monitor display now, even before anything is busy.
     *
     * @throws IllegalStateException without a kernel, or when called from a thread that belongs to no cell
     */
    public static void show() { currentCell().show(); }

    /**
     * Returns what the most recently displayed monitor recorded (usually this cell's, else the last cell that
     * ran processes or busy threads): samples per process, thread, total and machine, for one's own plots.
     *
     * @return the snapshot; one with no rows if nothing has been monitored yet
     */
    public static MonitorSnapshot snapshot() {
        CellMonitor m = latest;
        if (m != null) return m.snapshot();
        SeriesSnapshot none = new SeriesSnapshot(SeriesSnapshot.Kind.TOTAL, "total", 0, "finished", false, 0, 0, List.of());
        return new MonitorSnapshot("nothing monitored", Runtime.getRuntime().availableProcessors(),
                                   System.currentTimeMillis(), 0, false, List.of(), none, null);
    }

    /**
     * Displays the summary (chart and table) of the most recently displayed monitor again, in the current cell.
     *
     * @throws IllegalStateException without a kernel, or if nothing has been monitored yet
     */
    public static void showSummary() {
        MonitorHost h = requireHost();
        CellMonitor m = latest;
        if (m == null) throw new IllegalStateException("nothing has been monitored yet");
        MonitorView view = h.newView();
        MonitorBundles.Display summary = m.summary(view.showsImages());
        view.show(summary.data(), summary.metadata());
    }

    /**
     * Starts a console monitor for a program without a notebook: every child the runtime starts from now on is
     * watched, and a line is printed to {@code out} at most once per {@code period}; closing it prints the
     * summary.
     *
     * @param out    where to print, e.g. {@code System.err}
     * @param period the least time between two printed lines
     * @return the running console monitor; close it when done
     * @throws IllegalArgumentException if {@code period} is not positive
     */
    public static ConsoleMonitor console(PrintStream out, Duration period) {
        return new ConsoleMonitor(new CellMonitor("console", new ConsoleView(out, period)));
    }

    static void noteShown(CellMonitor m) { latest = m; }

    private static CellMonitor currentCell() {
        CellMonitor m = requireHost().currentCell();
        if (m == null) throw new IllegalStateException("the calling thread belongs to no notebook cell");
        return m;
    }

    private static MonitorHost requireHost() {
        MonitorHost h = host;
        if (h == null) {
            throw new IllegalStateException(
                "no notebook display here: run inside the procbook kernel, or use Monitor.console(System.err, ...)");
        }
        return h;
    }
}
