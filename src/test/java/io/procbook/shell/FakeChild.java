package io.procbook.shell;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.OutputRouter;
import io.procbook.mp.spi.OutputSink;

import java.io.IOException;
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

    private FakeChild(java.lang.Process process) {
        this.process = process;
    }

    /** Starts {@code sleep 60}, tells the listeners, and writes a line through the output router. */
    public static FakeChild start() throws IOException {
        FakeChild child = new FakeChild(new ProcessBuilder("sleep", "60").start());
        STARTED.add(child);
        Hooks.listeners().forEach(l -> l.started(child));
        OutputRouter router = Hooks.outputRouter();
        OutputSink sink = router == null ? null : router.sinkFor(child);
        if (sink != null) {
            sink.write(false, "child " + child.pid() + " says hi\n");
            sink.write(true, "child complains\n");
        }
        return child;
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
    @Override public Kind kind() { return Kind.PROCESS; }
    @Override public boolean isAlive() { return process.isAlive(); }
    @Override public void terminate() { process.destroy(); }
    @Override public void kill() { process.destroyForcibly(); }
    @Override public CompletableFuture<Integer> onExit() { return process.onExit().thenApply(java.lang.Process::exitValue); }
}
