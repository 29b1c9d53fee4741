package io.procbook.shell;

import io.procbook.display.DisplayTarget;
import io.procbook.mp.spi.ChildProcess;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One execution of a cell: where its output goes, the thread group its threads run in, and the child processes
 * it started. Threads started by the cell inherit it (see {@link CellBinding}), so they keep writing here after
 * the cell has finished.
 */
final class Cell implements DisplayTarget {

    private final int number;
    private final CellOutput out;
    private final CellThreadGroup threads;
    private final Set<ChildProcess> children = ConcurrentHashMap.newKeySet();
    private volatile boolean interrupted;
    private volatile int terminatedChildren;

    Cell(int number, CellOutput out) {
        this.number = number;
        this.out = out;
        this.threads = new CellThreadGroup("cell-" + number);
    }

    int number() { return number; }

    CellOutput output() { return out; }

    ThreadGroup threads() { return threads; }

    Set<ChildProcess> children() { return children; }

    boolean interrupted() { return interrupted; }

    void markInterrupted() { interrupted = true; }

    /** @return how many of its children an interrupt terminated */
    int terminatedChildren() { return terminatedChildren; }

    void childrenTerminated(int count) { terminatedChildren += count; }

    @Override
    public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
        out.display(data, metadata, displayId, update);
    }

    @Override
    public void clearOutput(boolean wait) {
        out.clearOutput(wait);
    }
}
