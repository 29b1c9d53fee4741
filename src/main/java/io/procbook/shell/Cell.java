package io.procbook.shell;

import io.procbook.display.DisplayTarget;
import io.procbook.monitor.CellMonitor;
import io.procbook.mp.spi.ChildProcess;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One execution of a cell: where its output goes, and the child processes it started. Threads started by the
 * cell inherit it (see {@link CellBinding}), so they keep writing here after the cell has finished. Its live monitor is made when first needed (see {@link CellMonitors}).
 */
final class Cell implements DisplayTarget {

    private final int number;
    private final CellOutput out;
    private final Set<ChildProcess> children = ConcurrentHashMap.newKeySet();
    private volatile boolean interrupted;
    private volatile int terminatedChildren;
    /**
     * The main thread(s) that ran the cell's snippets: bound to the cell until the next cell, but not its work (the
     * monitor leaves them out, see {@link CellMonitors}), between snippets too.
     */
    private final Set<Thread> evaluators = ConcurrentHashMap.newKeySet();
    private CellMonitor monitor;
    private boolean codeReturned;

    Cell(int number, CellOutput out) {
        this.number = number;
        this.out = out;
    }

    int number() { return number; }

    CellOutput output() { return out; }

    Set<ChildProcess> children() { return children; }

    boolean interrupted() { return interrupted; }

    void markInterrupted() { interrupted = true; }

    /** @return how many of its children an interrupt terminated */
    int terminatedChildren() { return terminatedChildren; }

    void childrenTerminated(int count) { terminatedChildren += count; }

    void evaluating(Thread t) { evaluators.add(t); }

    boolean isEvaluator(Thread t) { return evaluators.contains(t); }

    /** @return the cell's monitor, made with {@code create} if it has none yet */
    synchronized CellMonitor monitor(Function<Cell, CellMonitor> create) {
        if (monitor == null) monitor = create.apply(this);
        return monitor;
    }

    /** @return the cell's monitor, or {@code null} if none was needed */
    synchronized CellMonitor monitorOrNull() { return monitor; }

    /**
     * Notes that the cell's code has returned.
     *
     * @return the monitor to finish, or {@code null}
     */
    synchronized CellMonitor codeReturned() {
        codeReturned = true;
        return monitor;
    }

    synchronized boolean hasCodeReturned() { return codeReturned; }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        out.display(data, metadata, displayId, update);
    }

    @Override
    public void clearOutput(boolean wait) {
        out.clearOutput(wait);
    }
}
