package io.procbook.kernel;

import io.procbook.shell.api.Engine;
import org.zeromq.ZMQ;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running kernel: the five sockets of a connection file, each owned by one thread, serving one engine.
 *
 * <p>Threads: the shell thread (shell and stdin sockets), the shell worker (serves shell requests in order and
 * runs cells), the control thread (answers control requests at once), the iopub publisher, the heartbeat. A
 * shutdown (request, parent death, or {@link #shutdown}) closes the engine, then every socket and the ZMQ
 * context, and finally runs the exit action.
 */
final class Kernel {
    /** How long shutdown waits for the engine to stop its cells and children before it closes sockets anyway. */
    static final long ENGINE_CLOSE_MS = 500;
    private static final long THREAD_STOP_MS = 300;
    private static final long START_TIMEOUT_S = 10;

    private final Engine engine;
    private final Runnable exitAction;
    private final ZMQ.Context ctx;
    private final ProblemLog problems;
    private final Signer signer;
    private final MessageFactory factory;
    private final IopubPublisher publisher;
    private final Heartbeat heartbeat;
    private final ShellLoop shell;
    private final ControlLoop control;
    private final ShellWorker worker;
    private final StdinBroker stdin;
    private final AtomicBoolean shuttingDown = new AtomicBoolean();
    private final CompletableFuture<Void> shutdownStarted = new CompletableFuture<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread contextTerminator;
    private volatile Ports ports;

    /** The ports the kernel listens on (the connection file's, or the chosen ones where it said 0). */
    record Ports(int shell, int iopub, int stdin, int control, int hb) { }

    private Kernel(ConnectionInfo info, Engine engine, History history, ProblemLog problems, Runnable exitAction) {
        this.engine = engine;
        this.problems = problems;
        this.exitAction = exitAction;
        this.ctx = ZMQ.context(1);
        // JeroMQ's own threads: named like ours (so leaks are visible), daemons, and their failures logged tersely.
        ctx.setThreadFactor((runnable, name) -> {
            Thread t = new Thread(runnable, "procbook-zmq-" + name);
            t.setDaemon(true);
            return t;
        });
        ctx.setUncaughtExceptionHandler(this::zmqThreadFailed);
        ctx.setNotificationExceptionHandler(this::zmqThreadFailed);
        this.signer = Signer.checkedLater(info.key(), info.signatureScheme());
        if (!info.signed()) {
            Log.warn("the connection file's key is empty: messages are not signed, so any program of this host"
                    + " that reaches the kernel's ports can run code as you (Jupyter always writes a key)");
        }
        WireCodec codec = new WireCodec(signer);
        MessageFactory factory = new MessageFactory(System.getProperty("user.name", "procbook"));
        this.factory = factory;
        this.publisher = new IopubPublisher(ctx, info, codec, factory);
        this.heartbeat = new Heartbeat(ctx, info);
        // The shell thread hands messages to the worker and the stdin broker, which need the shell thread in turn;
        // these methods read the fields only once the threads run, after construction.
        this.shell = new ShellLoop(ctx, info, codec, problems, this::toWorker, this::toStdin);
        this.stdin = new StdinBroker(factory, shell::sendStdin, problems);
        ExecutionHandler execution = new ExecutionHandler(engine, factory, publisher, stdin, history, problems);
        RequestDispatcher dispatcher = new RequestDispatcher(engine, factory, publisher, history, execution, problems,
                new RequestDispatcher.Lifecycle() {
                    @Override
                    public void interrupt() {
                        stdin.cancel("input interrupted");
                        engine.interrupt();
                    }

                    @Override
                    public void shutdown(boolean restart) {
                        Kernel.this.shutdown(restart ? "restart requested" : "shutdown requested");
                    }
                });
        this.control = new ControlLoop(ctx, info, codec, problems, dispatcher);
        this.worker = new ShellWorker(dispatcher, shell);
        this.contextTerminator = new Thread(ctx::term, "procbook-zmq-term");
        this.contextTerminator.setDaemon(true);
    }

    private void toWorker(Message m) {
        worker.submit(m);
    }

    private void toStdin(Message m) {
        stdin.onReply(m);
    }

    /**
     * JeroMQ 0.6 sometimes loses a race while the context terminates (an I/O thread acknowledges to a mailbox
     * already closed, ClosedChannelException); the context still terminates, so that one is not worth a log line.
     */
    private void zmqThreadFailed(Thread t, Throwable e) {
        if (!(shuttingDown.get() && e.getCause() instanceof java.nio.channels.ClosedChannelException)) {
            Log.warn("ZMQ thread " + t.getName() + " failed", e);
        }
    }

    /**
     * Binds the sockets and starts serving.
     *
     * @param exitAction run once the kernel has shut down (Main exits the JVM; tests count down a latch)
     * @throws IllegalStateException    if a socket cannot be bound (port in use, ipc transport); nothing is left
     *                                  running then
     * @throws IllegalArgumentException if the signature scheme is not an HMAC the JDK has; nothing is left running
     */
    static Kernel start(ConnectionInfo info, Engine engine, History history, Runnable exitAction) {
        return start(info, engine, history, new ProblemLog(), exitAction);
    }

    /** As {@link #start(ConnectionInfo, Engine, History, Runnable)}, reporting bad input to {@code problems}. */
    static Kernel start(ConnectionInfo info, Engine engine, History history, ProblemLog problems, Runnable exitAction) {
        Kernel k = new Kernel(info, engine, history, problems, exitAction);
        k.bindAll();
        return k;
    }

    private void bindAll() {
        CompletableFuture<Integer> iopub = publisher.start();
        CompletableFuture<Integer> hb = heartbeat.start();
        CompletableFuture<int[]> shellAndStdin = shell.start();
        CompletableFuture<Integer> ctl = control.start();
        // While the sockets bind on their threads: the JDK's crypto (the HMAC, and the session id's SecureRandom)
        // costs tens of milliseconds at a JVM's first use (Main preloads it), and the first message needs it.
        IllegalArgumentException unsupported = null;
        try {
            signer.check();
            factory.session();
        } catch (IllegalArgumentException e) {
            unsupported = e;
        }
        try {
            CompletableFuture.allOf(iopub, hb, shellAndStdin, ctl).get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stopEverything(false);
            throw new IllegalStateException("kernel cannot start: " + cause.getMessage(), cause);
        }
        if (unsupported != null) {
            stopEverything(false);
            throw unsupported;
        }
        int[] ss = shellAndStdin.join();
        ports = new Ports(ss[0], iopub.join(), ss[1], ctl.join(), hb.join());
        worker.start();
    }

    Ports ports() {
        return ports;
    }

    /** Shell requests received and not yet being served (lets tests see that a request has arrived). */
    int shellBacklog() {
        return worker.backlog();
    }

    /** Whether the shell thread can still be woken (see {@link ShellLoop}); tests check it after interrupts. */
    boolean shellWakeable() {
        return shell.wakeChannelOpen();
    }

    /** The shell thread's wake-up pipe; a test closes it to see the shell thread recover. */
    java.nio.channels.Pipe shellWakePipe() {
        return shell.wakePipe();
    }

    ProblemLog problems() {
        return problems;
    }

    /** Completes when shutdown begins (Main uses it to arm its exit watchdog). */
    CompletableFuture<Void> shutdownStarted() {
        return shutdownStarted;
    }

    /** Starts shutting down on a thread of its own and returns at once; later calls do nothing. */
    void shutdown(String reason) {
        if (!shuttingDown.compareAndSet(false, true)) {
            return;
        }
        Log.info("shutting down: " + reason);
        shutdownStarted.complete(null);
        Thread t = new Thread(() -> {
            closeEngine();
            stopEverything(true);
        }, "procbook-shutdown");
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the kernel has shut down and its exit action ran. */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    /** Whether every thread the kernel started (its own and the ZMQ context's) has ended. */
    boolean allThreadsEnded() {
        return !publisher.isAlive() && !shell.isAlive() && !worker.isAlive() && !control.thread().isAlive()
                && !heartbeat.thread().isAlive() && ctx.isTerminated();
    }

    private void closeEngine() {
        stdin.cancel("the kernel is shutting down");
        Thread closer = new Thread(() -> {
            try {
                engine.close();
            } catch (RuntimeException e) {
                Log.warn("engine close failed", e);
            }
        }, "procbook-engine-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(ENGINE_CLOSE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            Log.warn("engine did not close within " + ENGINE_CLOSE_MS + " ms; exiting anyway");
        }
    }

    private void stopEverything(boolean runExitAction) {
        try {
            worker.stop(THREAD_STOP_MS);
            publisher.stop(THREAD_STOP_MS);
            shell.stop(THREAD_STOP_MS);
            // Control and heartbeat block in recv: terminating the context wakes them with ETERM, they close
            // their sockets, and term returns. Bounded, in case a socket owner is stuck.
            contextTerminator.start();
            contextTerminator.join(2L * Sockets.LINGER_MS + THREAD_STOP_MS);
            control.thread().join(THREAD_STOP_MS);
            heartbeat.thread().join(THREAD_STOP_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            String summary = problems.summary();
            if (summary != null) {
                Log.info("dropped or refused messages: " + summary);
            }
            terminated.countDown();
            if (runExitAction && exitAction != null) {
                exitAction.run();
            }
        }
    }
}
