package io.procbook.shell;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Which cell the current thread belongs to. The binding is inherited by every thread a cell's thread creates
 * (an {@link InheritableThreadLocal}), so a cell's background threads keep their cell after it has finished.
 *
 * <p>The common fork-join pool is the exception: its workers are shared by every cell (parallel streams,
 * {@code CompletableFuture.runAsync}) and would otherwise stay bound to whichever cell happened to create them,
 * so they write into the cell that is running, or ran last.
 */
final class CellBinding {

    private static final InheritableThreadLocal<Cell> CELL = new InheritableThreadLocal<>();
    private static volatile Cell latest;

    private CellBinding() { }

    /** @return the current thread's cell, or {@code null} for threads that belong to no cell */
    static Cell current() {
        Thread t = Thread.currentThread();
        if (t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool()) return latest;
        return CELL.get();
    }

    /** Binds the current thread (and every thread it starts from now on) to a cell. */
    static void bind(Cell cell) {
        CELL.set(cell);
    }

    /** Records the cell that runs now, for threads shared by all cells. */
    static void running(Cell cell) {
        latest = cell;
    }

    /** Forgets a cell as the latest one, when its engine closes. */
    static void forget(Cell cell) {
        if (latest == cell) latest = null;
    }
}
