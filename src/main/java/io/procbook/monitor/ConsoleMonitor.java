package io.procbook.monitor;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProcessListener;

/**
 * A monitor for a plain Java program (no notebook): watches every child the runtime starts from now on and
 * prints a line to a console periodically. Obtained from {@link Monitor#console}; {@link #close()} prints the
 * summary and stops.
 */
public final class ConsoleMonitor implements AutoCloseable {

    private final CellMonitor monitor;
    private final ProcessListener listener = new ProcessListener() {
        @Override
        public void started(ChildProcess child) { monitor.watchProcess(child); }
    };

    ConsoleMonitor(CellMonitor monitor) {
        this.monitor = monitor;
        Hooks.addListener(listener);
    }

    /** @return the underlying monitor, e.g. to {@link CellMonitor#watchThread watch threads} too */
    public CellMonitor monitor() { return monitor; }

    /** Stops watching new children, prints the summary (if anything was shown) and stops sampling. */
    @Override
    public void close() {
        Hooks.removeListener(listener);
        monitor.close();
    }
}
