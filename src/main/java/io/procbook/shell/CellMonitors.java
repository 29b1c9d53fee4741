package io.procbook.shell;

import io.procbook.monitor.CellMonitor;
import io.procbook.monitor.Monitor;
import io.procbook.monitor.MonitorHost;
import io.procbook.monitor.MonitorView;
import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.ProcessListener;
import io.procbook.shell.magic.MagicContext;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Predicate;

/**
 * Gives cells their live monitor (see {@code io.procbook.monitor}). A cell's monitor exists from its start
 * while monitoring is on, but shows nothing until one of the cell's threads (other than the ones evaluating
 * its snippets) burns CPU or the cell starts a child JVM: a cell like {@code 1+1} gets no display. With
 * {@code %monitor on} every cell shows it from the start, with {@code %monitor off} none, and
 * {@code %monitor auto} is the default again. When the cell's code returns, the monitor is told
 * before the outcome goes back, so a summary of finished work is part of the cell's saved output.
 */
final class CellMonitors implements ProcessListener, MonitorHost {

    private volatile boolean alwaysShow;

    /** Called on the engine thread as the cell starts. */
    void cellStarted(Cell cell) {
        if (!Monitor.isEnabled()) return;
        CellMonitor m = cell.monitor(CellMonitors::create);
        Predicate<Thread> started = t -> !cell.isEvaluator(t) && CellBinding.of(t) == cell;
        // Parallel streams run on the shared common pool, which belongs to no cell: while this cell runs, its
        // workers are this cell's. The engine's own thread compiles the cell: that is no work of the cell's.
        Thread engineThread = Thread.currentThread();
        Predicate<Thread> commonPool = t -> t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool();
        m.watchThreads(started);
        // ...and only while it runs: a worker still spinning down as the cell returns is no longer its work.
        m.watchSharedThreads(commonPool.and(t -> t != engineThread));
        if (alwaysShow) m.show();
    }

    /** Called on the engine thread when the cell's code has returned, before its outcome is reported. */
    void cellReturned(Cell cell) {
        CellMonitor m = cell.codeReturned();
        if (m == null) return;
        try {
            m.finish();
        } catch (RuntimeException e) {
            // the monitor is an aid: its failure must not turn a finished cell into a failed one
            System.getLogger(CellMonitors.class.getName()).log(System.Logger.Level.WARNING,
                    "monitor of cell " + cell.number() + " failed to finish", e);
        }
    }

    /**
     * {@code %monitor on|off|auto}: on shows the monitor in every cell, starting with {@code cell}; off in none;
     * auto, the default, in cells that start processes or busy threads, {@code cell} included.
     */
    void setMode(MagicContext.MonitorMode mode, Cell cell) {
        boolean on = mode != MagicContext.MonitorMode.OFF;
        alwaysShow = mode == MagicContext.MonitorMode.ON;
        Monitor.setEnabled(on);
        if (!on) return;
        CellMonitor m = cell.monitorOrNull();
        if (m == null) cellStarted(cell); // monitoring was off as the cell started
        else if (alwaysShow) m.show();
    }

    @Override
    public void started(ChildProcess child) {
        Cell cell = CellBinding.current();
        if (cell == null || !Monitor.isEnabled()) return;
        // A shell command (Subprocess, %%sh) is a tool, not the experiment: a display for every `ls` would be
        // clutter. With %monitor on it is watched like any child.
        if (child.kind() == ChildProcess.Kind.SUBPROCESS && !alwaysShow) return;
        CellMonitor m = cell.monitor(CellMonitors::create);
        // A pool's worker serves every cell that submits to the pool: it is this cell's work while it computes.
        if (child.kind() == ChildProcess.Kind.POOL_WORKER) m.watchSharedProcess(child);
        else m.watchProcess(child);
        // A background thread of a finished cell started it: nobody else will tell this monitor the code is done.
        if (cell.hasCodeReturned()) m.finish();
    }

    /** A pool made in another cell took a task of this one (we run in this cell's context): show its worker. */
    @Override
    public void working(ChildProcess child) {
        Cell cell = CellBinding.current();
        if (cell == null || !Monitor.isEnabled()) return;
        CellMonitor m = cell.monitor(CellMonitors::create);
        m.watchSharedProcess(child);
        if (cell.hasCodeReturned()) m.finish();
    }

    @Override
    public CellMonitor currentCell() {
        Cell cell = CellBinding.current();
        return cell == null ? null : cell.monitor(CellMonitors::create);
    }

    @Override
    public MonitorView newView() {
        Cell cell = CellBinding.current();
        if (cell == null) throw new IllegalStateException("the calling thread belongs to no notebook cell");
        return new CellMonitorView(cell.output());
    }

    private static CellMonitor create(Cell cell) {
        return new CellMonitor("cell [" + cell.number() + "]", new CellMonitorView(cell.output()));
    }
}
