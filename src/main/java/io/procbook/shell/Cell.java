package io.procbook.shell;

import io.procbook.display.DisplayTarget;
import io.procbook.monitor.CellMonitor;
import io.procbook.mp.spi.ChildProcess;
import io.procbook.shell.api.CellOutput;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One execution of a cell: where its output goes, and the child processes it started. Threads started by the
 * cell inherit it (see {@link CellBinding}), so they keep writing here after the cell has finished. Its live
 * monitor is made when first needed (see {@link CellMonitors}). Its stream text goes out in whole lines per
 * writer (see {@link WholeLines}): {@link #output()} counts each thread as a writer.
 */
final class Cell implements DisplayTarget {

    private final int number;
    private final CellOutput raw;
    private final WholeLines lines;
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
        this.raw = out;
        this.lines = new WholeLines(out, WholeLines.holdMillis());
        this.out = new ThreadLines();
    }

    int number() { return number; }

    /** @return the cell's output, whose stream text is kept in whole lines per calling thread */
    CellOutput output() { return out; }

    /** @return the cell's stream text by writer, for writers that are not threads (children's output) */
    WholeLines lines() { return lines; }

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
    CellMonitor codeReturned() {
        // Whatever the cell printed goes before its reply, partial lines too (a front end stops listening then).
        lines.flushAll();
        synchronized (this) {
            codeReturned = true;
            return monitor;
        }
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

    /**
     * The cell's output as its threads use it: each thread's stream text is one writer of {@link #lines}, and
     * a thread's own held partial line goes out before its display, clear or input prompt (text printed just
     * before them belongs before them).
     */
    private final class ThreadLines implements CellOutput {
        @Override
        public void stream(String name, String text) {
            lines.write(Thread.currentThread(), name, text);
        }

        @Override
        public void display(Map<String, Object> data, Map<String, Object> metadata, String displayId, boolean update) {
            lines.flush(Thread.currentThread());
            raw.display(data, metadata, displayId, update);
        }

        @Override
        public void clearOutput(boolean wait) {
            lines.flush(Thread.currentThread());
            raw.clearOutput(wait);
        }

        @Override
        public String input(String prompt, boolean password) {
            lines.flush(Thread.currentThread());
            return raw.input(prompt, password);
        }
    }
}
