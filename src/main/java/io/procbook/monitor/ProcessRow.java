package io.procbook.monitor;

import io.procbook.mp.spi.ChildProcess;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/** A watched child process: CPU and memory from a {@link ProcessProbe}, its fate from {@link ChildProcess#onExit()}. */
final class ProcessRow extends Row {

    private static final Map<Integer, String> SIGNALS = Map.of(
        1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT", 9, "SIGKILL", 11, "SIGSEGV", 13, "SIGPIPE",
        14, "SIGALRM", 15, "SIGTERM");

    private final ChildProcess child;
    private final CompletableFuture<Integer> exit;
    private final ProcessProbe probe;
    private final long pid;
    private final String name;
    private volatile Integer exitCode;
    private volatile long exitMillis = -1;
    /** How long to wait for {@link ChildProcess#onExit()} once the process is gone, before giving up. */
    static final long EXIT_GRACE_MILLIS = 2000;

    private boolean gone;
    private long goneMillis = -1;
    private boolean abandoned;
    /** Whether the process also serves other work (a pool's worker): see {@link CellMonitor#watchSharedProcess}. */
    private final boolean shared;
    /** When a shared process's row ended though the process lives on, or -1. */
    private long leftMillis = -1;

    /** Opens the probe and takes the baseline reading on the calling thread. */
    ProcessRow(ChildProcess child, long nowMillis, LongSupplier clockMillis, boolean shared) {
        this.child = child;
        this.shared = shared;
        this.pid = child.pid();
        this.name = child.name();
        this.probe = ProcessProbe.open(pid);
        if (probe.read()) {
            series.add(nowMillis, probe.cpuNanos(), probe.rssBytes());
        } else {
            series.add(nowMillis, 0, -1);
            markGone(nowMillis);
        }
        // One future, kept: onExit() may hand out a new one per call that completes later (the JDK's does).
        this.exit = child.onExit();
        exit.whenComplete((code, error) -> noteExit(code, clockMillis.getAsLong()));
    }

    private void noteExit(Integer code, long atMillis) {
        if (exitCode != null || code == null) return;
        exitMillis = atMillis;
        exitCode = code; // written last: readers that see the code also see the time
    }

    ChildProcess child() { return child; }

    /**
     * @return for a child that says it has exited while this row does not have its exit code yet, a future of
     *         that code (whichever of the row's own exit future and a fresh one completes first); else null
     */
    CompletableFuture<Integer> reportedExit() {
        if (exitCode != null || child.isAlive()) return null;
        return exit.applyToEither(child.onExit(), code -> code);
    }

    /** Records the exit code learnt from {@link #reportedExit()}. */
    void exitKnown(Integer code, long atMillis) { noteExit(code, atMillis); }

    @Override SeriesSnapshot.Kind kind() { return SeriesSnapshot.Kind.PROCESS; }
    @Override String name() { return name; }
    @Override long id() { return pid; }

    @Override
    String state() {
        Integer code = exitCode;
        if (code != null) return code < 0 ? "killed(" + SIGNALS.getOrDefault(-code, "signal " + -code) + ")"
                                           : "exited(" + code + ")";
        return abandoned ? "exited" : leftMillis >= 0 ? "idle" : "running";
    }

    /** The exit code decides; a process gone from /proc is still "running" until its exit code arrives. */
    @Override boolean running() { return exitCode == null && !abandoned && leftMillis < 0; }

    @Override
    long endMillis() { return exitCode != null ? exitMillis : abandoned ? goneMillis : leftMillis; }

    /**
     * @return whether it works for this monitor: a process of its own as long as it runs; a shared one while it
     *         says it works ({@link ChildProcess#isWorking()}: a pool's worker while it holds a task)
     */
    boolean working() {
        return running() && (!shared || child.isWorking());
    }

    /** @return whether the process also serves other work */
    boolean shared() { return shared; }

    /** Takes a last reading and ends the row of a shared process that lives on, its work here done. */
    void leave(long atMillis) {
        sample(atMillis);
        if (running()) leftMillis = atMillis;
    }

    @Override
    void sample(long atMillis) {
        if (leftMillis >= 0) return;
        // The callback above is one of several actions on the exit future, run one after another: the thread
        // that joined the child can return and finish the cell before it has run. So look at the future, and
        // at a fresh one if the child says it is done (a copy of a completed future is complete at once).
        if (exitCode == null) noteExit(completedCode(exit), atMillis);
        if (exitCode == null && !child.isAlive()) noteExit(completedCode(child.onExit()), atMillis);
        if (gone) {
            if (exitCode == null && atMillis - goneMillis > EXIT_GRACE_MILLIS) abandoned = true;
            return;
        }
        boolean exited = exitCode != null;
        // one more reading after the exit is known: a zombie not yet reaped still shows its final CPU time
        if (probe.read()) {
            series.add(atMillis, probe.cpuNanos(), probe.rssBytes());
            if (exited || !probe.running()) markGone(atMillis);
        } else {
            markGone(atMillis);
        }
    }

    private static Integer completedCode(CompletableFuture<Integer> f) {
        return f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }

    private void markGone(long atMillis) {
        gone = true;
        goneMillis = atMillis;
        probe.close();
    }

    @Override
    void release() { probe.close(); }
}
