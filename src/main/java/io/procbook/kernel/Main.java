package io.procbook.kernel;

import io.procbook.shell.JShellEngine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;
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
        preloadCrypto();
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
        Kernel kernel;
        try {
            kernel = launch(info, new HistoryFile(HistoryFile.defaultPath(), HISTORY_MAX_ENTRIES),
                    System.getenv("JPY_PARENT_PID"));
        } catch (IllegalStateException | IllegalArgumentException e) {
            Log.warn(e.getMessage());
            System.exit(1);
            return;
        }
        kernel.shutdownStarted().thenRun(Main::armWatchdog);
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

    /**
     * The JDK's security providers and its SecureRandom take tens of milliseconds to set up in a new JVM, and the
     * kernel needs them before it can answer: the HMAC, the session id, and JeroMQ, whose ROUTER sockets draw a
     * SecureRandom number when created. A daemon thread sets them up while the main thread reads the connection
     * file and makes the ZMQ context. It also starts java.util.logging (20-30 ms), whose console handler must
     * take the real stderr before the engine replaces System.err (see {@code StandardStreams}), and would
     * otherwise be started then, on the first request's clock.
     */
    private static void preloadCrypto() {
        Thread t = new Thread(() -> {
            Signer.preload();
            UUID.randomUUID();
            java.util.logging.Logger.getLogger("").getHandlers();
        }, "procbook-crypto-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Starts a kernel with a JShell engine and persistent history (both made ready once the first request is
     * answered, see {@link RequestDispatcher}) and a watch on the parent process. The warm-up starts its session through here too, so that the class data sharing
     * archive holds what a real start loads.
     *
     * @param jpyParentPid the client's pid as Jupyter passes it ({@code JPY_PARENT_PID}), or null
     * @throws IllegalStateException    if the kernel cannot bind its sockets
     * @throws IllegalArgumentException if the signature scheme is not supported
     */
    static Kernel launch(ConnectionInfo info, HistoryFile historyFile, String jpyParentPid) {
        DeferredEngine engine = DeferredEngine.onFirstRequest(JShellEngine::new, JShellEngine.LANGUAGE_VERSION);
        History history = History.persistent(historyFile);
        Kernel kernel;
        try {
            kernel = Kernel.start(info, engine, history, null);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        Kernel.Ports p = kernel.ports();
        Log.info("kernel " + KernelInfo.implementationVersion() + " on " + info.transport() + "://" + info.ip()
                + " shell=" + p.shell() + " iopub=" + p.iopub() + " stdin=" + p.stdin() + " control=" + p.control()
                + " hb=" + p.hb());
        engine.ready().exceptionally(e -> {
            if (kernel.shutdownStarted().isDone()) {
                return null;   // closed before any request needed it
            }
            Log.warn("the engine failed to start: " + e);
            kernel.shutdown("no engine");
            exitCode = 1;
            return null;
        });
        LauncherWatch.target(jpyParentPid).ifPresent(target ->
                LauncherWatch.start(target, () -> kernel.shutdown("parent process " + target.pid() + " is gone")));
        return kernel;
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
