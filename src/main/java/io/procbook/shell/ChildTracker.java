package io.procbook.shell;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.OutputRouter;
import io.procbook.mp.spi.OutputSink;
import io.procbook.mp.spi.ProcessListener;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Knows every child process the runtime started in this kernel and which cell started it: a child's output
 * goes to that cell, an interrupt of that cell terminates it, and closing the engine terminates all of them.
 */
final class ChildTracker implements ProcessListener, OutputRouter {

    /** How long a terminated child may take to exit before it is killed. */
    static final long KILL_AFTER_MILLIS = 1500;

    private final Map<ChildProcess, Cell> owners = new ConcurrentHashMap<>();
    private final Map<ChildProcess, Boolean> all = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler;
    private final SnippetOrigins origins;

    /**
     * @param scheduler runs the kills of terminated children that do not exit
     * @param origins   the session's snippets, for the stack traces children print (see {@link TracebackText})
     */
    ChildTracker(ScheduledExecutorService scheduler, SnippetOrigins origins) {
        this.scheduler = scheduler;
        this.origins = origins;
    }

    @Override
    public void started(ChildProcess child) {
        all.put(child, Boolean.TRUE);
        Cell cell = CellBinding.current();
        if (cell != null) {
            owners.put(child, cell);
            cell.children().add(child);
        }
        // It may have exited before we were told.
        child.onExit().thenRun(() -> forget(child));
    }

    @Override
    public void exited(ChildProcess child, int exitCode) {
        forget(child);
    }

    private void forget(ChildProcess child) {
        all.remove(child);
        Cell cell = owners.remove(child);
        if (cell != null) cell.children().remove(child);
    }

    /**
     * Each sink's stdout and stderr are two writers of its cell's lines, kept whole like a thread's; the stack
     * traces on its stderr read in cell terms. A child gets several sinks (its pipes, its own messages, one per
     * further cell it works for), each a writer of its own: they are written by different runtime threads.
     */
    @Override
    public OutputSink sinkFor(ChildProcess child) {
        Cell cell = CellBinding.current();
        if (cell == null) return null;
        WholeLines lines = cell.lines();
        TracebackText traces = new TracebackText(origins, cell.number());
        return new OutputSink() {
            @Override
            public void write(boolean stderr, String text) {
                lines.write(this, stderr ? "stderr" : "stdout", stderr ? traces.write(text) : text);
            }

            @Override
            public void end(boolean stderr) {
                if (stderr) lines.write(this, "stderr", traces.end());
                lines.flush(this, stderr ? "stderr" : "stdout");
            }

            @Override
            public void flush() {
                lines.write(this, "stderr", traces.end()); // a frame held back goes before the result too
                lines.flush(this);
            }
        };
    }

    /**
     * Terminates the cell's children now and kills those still alive after a grace period; returns at once.
     *
     * @return how many were alive and got terminated
     */
    int terminate(Cell cell) {
        int count = 0;
        for (ChildProcess c : List.copyOf(cell.children())) {
            if (!c.isAlive()) continue;
            count++;
            c.terminate();
            scheduler.schedule(() -> {
                if (c.isAlive()) c.kill();
            }, KILL_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        }
        return count;
    }

    /** Terminates every child, kills those still alive after a grace period, and waits briefly for them. */
    void terminateAll() {
        List<ChildProcess> children = List.copyOf(all.keySet());
        children.forEach(ChildProcess::terminate);
        awaitExit(children, KILL_AFTER_MILLIS);
        for (ChildProcess c : children) if (c.isAlive()) c.kill();
        awaitExit(children, KILL_AFTER_MILLIS);
    }

    private static void awaitExit(List<ChildProcess> children, long millis) {
        CompletableFuture<?>[] exits = children.stream().map(ChildProcess::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the caller kills what is left, or gives up: a child that survives SIGKILL is beyond us
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
