package io.procbook.shell;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.OutputRouter;
import io.procbook.mp.spi.OutputSink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a runtime child in tests: a real OS process ({@code sleep}) announced to the runtime's hooks
 * the way the runtime does it, from the thread that starts it. Public because cells call it.
 */
public final class FakeChild implements ChildProcess {

    /** Every fake child started, so that tests can check and clean up. */
    public static final List<FakeChild> STARTED = new CopyOnWriteArrayList<>();

    private final java.lang.Process process;
    private final Kind kind;

    private FakeChild(java.lang.Process process, Kind kind) {
        this.process = process;
        this.kind = kind;
    }

    /** Starts {@code sleep 60}, tells the listeners, and writes a line through the output router. */
    public static FakeChild start() throws IOException {
        FakeChild child = announce(new ProcessBuilder("sleep", "60").start(), Kind.PROCESS);
        OutputRouter router = Hooks.outputRouter();
        OutputSink sink = router == null ? null : router.sinkFor(child);
        if (sink != null) {
            sink.write(false, "child " + child.pid() + " says hi\n");
            sink.write(true, "child complains\n");
        }
        return child;
    }

    /**
     * Starts a JVM that spins one thread ({@code io.procbook.monitor.BusyChild busy}) until {@link #endInput},
     * tells the listeners, and returns once it is spinning.
     */
    public static FakeChild busy() throws IOException {
        return busy(Kind.PROCESS);
    }

    /** {@link #busy()}, announced as a shell command (what {@code Subprocess} starts). */
    public static FakeChild busyCommand() throws IOException {
        return busy(Kind.SUBPROCESS);
    }

    private static FakeChild busy(Kind kind) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        FakeChild child = announce(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.procbook.monitor.BusyChild", "busy").redirectErrorStream(true).start(), kind);
        // "ready" is printed once the busy loop is about to start
        new java.io.BufferedReader(new java.io.InputStreamReader(child.process.getInputStream())).readLine();
        return child;
    }

    private static FakeChild announce(java.lang.Process process, Kind kind) {
        FakeChild child = new FakeChild(process, kind);
        STARTED.add(child);
        Hooks.listeners().forEach(l -> l.started(child));
        return child;
    }

    /** Closes the child's standard input: a BusyChild exits then. */
    public void endInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Kills every fake child still alive and waits for it. */
    public static void killAll() {
        for (FakeChild c : STARTED) {
            c.process.destroyForcibly();
            c.process.onExit().join();
        }
        STARTED.clear();
    }

    @Override public String name() { return "Fake-" + pid(); }
    @Override public long pid() { return process.pid(); }
    @Override public Kind kind() { return kind; }
    @Override public boolean isAlive() { return process.isAlive(); }
    @Override public void terminate() { process.destroy(); }
    @Override public void kill() { process.destroyForcibly(); }
    @Override public CompletableFuture<Integer> onExit() { return process.onExit().thenApply(java.lang.Process::exitValue); }
}
