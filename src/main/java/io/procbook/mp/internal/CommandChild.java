package io.procbook.mp.internal;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.OutputRouter;
import io.procbook.mp.spi.OutputSink;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An external command started by {@code Subprocess}/{@code Popen}, as the host sees it: a
 * {@link ChildProcess} whose listeners are told of its start (on the starting thread) and exit, and whose
 * inherited output goes through the host's {@link OutputRouter} (pumped, so the command never blocks on a
 * full pipe).
 *
 * <p>Ending: as a {@link ChildProcess} (the host's interrupt, restart or shutdown) it ends with its whole
 * tree, and its whole session if it leads one ({@link CommandSessions}); as Python's {@code Popen}
 * ({@link #terminateCommand()}, {@link #killCommand()}) only the command itself is signalled.
 *
 * <p>Exit status: the OS gives 128+n both for "killed by signal n" and for "exit(128+n)". A command cannot
 * report which, so the status is read as a signal only when this runtime sent that signal.
 */
public final class CommandChild implements ChildProcess {

    private final java.lang.Process process;
    private final String name;
    private final boolean session;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile int signalSent;

    private CommandChild(java.lang.Process process, String name, boolean session) {
        this.process = process;
        this.name = name;
        this.session = session;
    }

    /**
     * Registers a started command: routes the given inherited streams, tells listeners, and arranges for its
     * exit to be reported.
     *
     * @param process    the started command
     * @param command    its command line
     * @param pumpStdout whether its stdout is a pipe to be pumped to the host (inherited output)
     * @param pumpStderr same for stderr
     * @param session    whether it was started as the leader of a session of its own
     */
    public static CommandChild adopt(java.lang.Process process, List<String> command, boolean pumpStdout,
                                     boolean pumpStderr, boolean session) {
        CommandChild c = new CommandChild(process, Path.of(command.get(0)).getFileName() + "-" + process.pid(),
                session);
        if (session) CommandSessions.started(process.pid());
        OutputRouter router = Hooks.outputRouter();
        OutputSink sink = router == null ? null : router.sinkFor(c);
        CompletableFuture<Void> out = CompletableFuture.completedFuture(null);
        CompletableFuture<Void> err = CompletableFuture.completedFuture(null);
        if (pumpStdout) {
            OutputPump p = OutputPump.start(process.getInputStream(), false, "procbook-cmd-out-" + process.pid());
            p.route(sink);
            out = p.finished();
        }
        if (pumpStderr) {
            OutputPump p = OutputPump.start(process.getErrorStream(), true, "procbook-cmd-err-" + process.pid());
            p.route(sink);
            err = p.finished();
        }
        Children.register(c, Children.AtExit.LEAVE);
        Listeners.started(c);
        CompletableFuture<Void> output = CompletableFuture.allOf(out, err);
        process.onExit().thenRun(() -> output.completeOnTimeout(null, 500, TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> c.finish()));
        return c;
    }

    private void finish() {
        if (session) CommandSessions.leaderExited(process.pid());
        int raw = process.exitValue();
        int sig = signalSent;
        int code = sig > 0 && raw == 128 + sig ? -sig : raw;
        Children.unregister(this);
        Listeners.exited(this, code);
        exit.complete(code);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Kind kind() {
        return Kind.SUBPROCESS;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    /** Ends the command and everything it started (SIGTERM, SIGKILL after a grace period). */
    @Override
    public void terminate() {
        if (process.isAlive()) signalSent = 15;
        CommandSessions.endTree(process.toHandle(), session, false);
    }

    /** Kills the command and everything it started. */
    @Override
    public void kill() {
        if (process.isAlive()) signalSent = 9;
        CommandSessions.endTree(process.toHandle(), session, true);
    }

    /** Sends SIGTERM to the command alone (Python's {@code Popen.terminate}). */
    public void terminateCommand() {
        if (process.isAlive()) {
            signalSent = 15;
            Signals.terminate(process);
        }
    }

    /** Sends SIGKILL to the command alone (Python's {@code Popen.kill}). */
    public void killCommand() {
        if (process.isAlive()) {
            signalSent = 9;
            Signals.kill(process);
        }
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit.copy();
    }

    /** @return the underlying OS process (for its pipes) */
    public java.lang.Process process() {
        return process;
    }
}
