package io.procbook.shell;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Which cell a thread belongs to: the one mechanism behind output routing, {@code input()}, display, child
 * ownership, the monitor's "threads of this cell" and the interrupt of a cell's threads.
 *
 * <p>The notebook's main thread is bound to each cell while it runs that cell's code. Every thread created
 * from then on inherits the binding (an {@link InheritableThreadLocal}), and so do the threads those create:
 * a cell's background threads and executor workers keep their cell after it has finished, while the main
 * thread moves on to the next cell.
 *
 * <p>The common fork-join pool is the exception: its workers are shared by every cell (parallel streams,
 * {@code CompletableFuture.runAsync}) and would otherwise stay bound to whichever cell happened to create them,
 * so they write into the cell that is running, or ran last.
 */
final class CellBinding {

    private static final InheritableThreadLocal<Cell> CELL = new InheritableThreadLocal<>();
    /** Set while a thread does work on behalf of another cell ({@link #actAs}); wins over everything else. */
    private static final ThreadLocal<Cell> ACTING = new ThreadLocal<>();
    private static volatile Cell latest;

    private CellBinding() { }

    /** @return the current thread's cell for its output, or {@code null} for threads that belong to no cell */
    static Cell current() {
        Cell acting = ACTING.get();
        if (acting != null) return acting;
        Thread t = Thread.currentThread();
        if (t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool()) return latest;
        return CELL.get();
    }

    /**
     * @return the cell {@code thread} was started from (or, for the main thread, the cell it runs or ran last),
     *         or {@code null}; common-pool workers answer the cell that created them, not the running one
     * @throws IllegalStateException if this JVM does not let us read it (see {@link InheritedValueReader})
     */
    static Cell of(Thread thread) {
        return thread == Thread.currentThread() ? CELL.get() : InheritedValueReader.valueIn(thread, CELL);
    }

    /** @return the live platform threads bound to {@code cell} */
    static List<Thread> threadsOf(Cell cell) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && of(t) == cell).toList();
    }

    /** Binds the current thread (and every thread it starts from now on) to a cell. */
    static void bind(Cell cell) {
        CELL.set(cell);
    }

    /**
     * Runs {@code action} with the current thread bound to {@code cell} (threads it starts inherit the cell),
     * then gives the thread its own cell back: a pool thread made in one cell running a task another submitted.
     */
    static void actAs(Cell cell, Runnable action) {
        Cell before = CELL.get();
        Cell actingBefore = ACTING.get();
        CELL.set(cell);
        ACTING.set(cell);
        try {
            action.run();
        } finally {
            CELL.set(before);
            if (actingBefore == null) ACTING.remove();
            else ACTING.set(actingBefore);
        }
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
