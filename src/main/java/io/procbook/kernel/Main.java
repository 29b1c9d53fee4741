package io.procbook.kernel;

import io.procbook.shell.JShellEngine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the kernel: {@code java -jar procbook.jar <connection-file>}, as kernel.json's argv runs it.
 * Exits 0 after a shutdown, 2 for a bad command line or connection file, 1 if the kernel or its engine cannot
 * start. The engine is created while the kernel binds its sockets.
 */
public final class Main {
    /** A shutdown that has not ended the JVM by then is cut short: the client must never wait on us. */
    private static final long EXIT_WATCHDOG_MS = 2000;
    private static final int HISTORY_MAX_ENTRIES = 10_000;
    private static volatile int exitCode;

    private Main() { }

    private static int warmUp() {
        try {
            return WarmUp.run();
        } catch (Exception e) {
            Log.warn("warm-up failed: " + e);
            return 1;
        }
    }

    /**
     * Runs the kernel until it is shut down, its parent process dies or the JVM is terminated.
     *
     * @param args the connection file's path
     */
    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--warm-up")) {
            System.exit(warmUp());
        }
        if (args.length != 1) {
            Log.warn("usage: java -jar procbook.jar <connection-file>");
            System.exit(2);
        }
        ConnectionInfo info;
        try {
            info = ConnectionInfo.read(Path.of(args[0]));
        } catch (IOException | IllegalArgumentException e) {
            Log.warn("cannot read connection file " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        DeferredEngine engine = DeferredEngine.onFirstRequest(JShellEngine::new, JShellEngine.LANGUAGE_VERSION);
        History history = History.persistent(new HistoryFile(HistoryFile.defaultPath(), HISTORY_MAX_ENTRIES));
        Kernel kernel;
        try {
            kernel = Kernel.start(info, engine, history, null);
        } catch (IllegalStateException | IllegalArgumentException e) {
            Log.warn(e.getMessage());
            engine.close();
            System.exit(1);
            return;
        }
        history.loadInBackground();
        Kernel.Ports p = kernel.ports();
        Log.info("kernel " + KernelInfo.implementationVersion() + " on " + info.transport() + "://" + info.ip()
                + " shell=" + p.shell() + " iopub=" + p.iopub() + " stdin=" + p.stdin() + " control=" + p.control()
                + " hb=" + p.hb());
        kernel.shutdownStarted().thenRun(Main::armWatchdog);
        engine.ready().exceptionally(e -> {
            if (kernel.shutdownStarted().isDone()) {
                return null;   // closed before any request needed it
            }
            Log.warn("the engine failed to start: " + e);
            kernel.shutdown("no engine");
            exitCode = 1;
            return null;
        });
        ParentWatch.target(System.getenv("JPY_PARENT_PID")).ifPresent(target ->
                ParentWatch.start(target, () -> kernel.shutdown("parent process " + target.pid() + " is gone")));
        // SIGTERM from the client: still close the engine (its children) and the sockets, within bounds.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kernel.shutdown("JVM terminating");
            try {
                kernel.awaitTermination(EXIT_WATCHDOG_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "procbook-jvm-exit"));
        try {
            while (!kernel.awaitTermination(1, TimeUnit.DAYS)) {
                // keep waiting: a kernel may run for weeks
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(exitCode);
    }

    private static void armWatchdog() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(EXIT_WATCHDOG_MS);
            } catch (InterruptedException e) {
                return;
            }
            Log.warn("shutdown took longer than " + EXIT_WATCHDOG_MS + " ms; halting");
            Runtime.getRuntime().halt(0);
        }, "procbook-exit-watchdog");
        t.setDaemon(true);
        t.start();
    }
}
