package io.procbook.kernel;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The thread that owns the shell and stdin ROUTER sockets. It receives and verifies requests (handing them to
 * the shell worker and the stdin broker) and sends what other threads queue for these sockets. Other threads
 * wake it through a pipe that its poller watches next to the sockets, since ZMQ sockets must not be touched by
 * more than one thread.
 *
 * <p>A pipe is an interruptible channel: a write by a thread that is interrupted at that moment (a cell thread
 * hit by interrupt_request) closes it. Writers clear their interrupt status around the write, which leaves only
 * an interrupt arriving during the write itself; for that case the shell thread also wakes every
 * {@link #RECOVERY_POLL_MS} ms, and replaces a closed pipe.
 */
final class ShellLoop {
    static final long RECOVERY_POLL_MS = 250;

    private final ZMQ.Context ctx;
    private final ConnectionInfo info;
    private final WireCodec codec;
    private final ProblemLog problems;
    private final Consumer<Message> onShell;
    private final Consumer<Message> onStdin;
    private final CompletableFuture<int[]> bound = new CompletableFuture<>();
    private final Thread thread;
    private final ConcurrentLinkedQueue<Object> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile Pipe wakePipe;
    private volatile boolean stopping;

    private record Outgoing(boolean stdin, Message message) { }

    ShellLoop(ZMQ.Context ctx, ConnectionInfo info, WireCodec codec, ProblemLog problems,
              Consumer<Message> onShell, Consumer<Message> onStdin) {
        this.ctx = ctx;
        this.info = info;
        this.codec = codec;
        this.problems = problems;
        this.onShell = onShell;
        this.onStdin = onStdin;
        this.wakePipe = newPipe();
        this.thread = new Thread(this::run, "procbook-shell");
        this.thread.setDaemon(true);
    }

    /** Starts the thread; completes with {shell port, stdin port} once both are bound. */
    CompletableFuture<int[]> start() {
        thread.start();
        return bound;
    }

    void sendShell(Message reply) {
        outbox.add(new Outgoing(false, reply));
        wake();
    }

    void sendStdin(Message request) {
        outbox.add(new Outgoing(true, request));
        wake();
    }

    /**
     * Runs {@code task} on the shell thread after it has read every request already waiting on the shell
     * socket: what arrived before this call is in the worker's queue before the task runs (stop_on_error uses
     * this to know which requests were "already queued").
     */
    void afterDrain(Runnable task) {
        outbox.add(task);
        wake();
    }

    /** Sends what is queued, closes both sockets and ends the thread (waits at most the timeout). */
    void stop(long timeoutMs) throws InterruptedException {
        stopping = true;
        wake();
        thread.join(timeoutMs);
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    /** Whether the wake-up pipe is usable (tests check that interrupted callers do not break it). */
    boolean wakeChannelOpen() {
        Pipe p = wakePipe;
        return p.sink().isOpen() && p.source().isOpen();
    }

    /** The current wake-up pipe; tests close it to check that the shell thread recovers. */
    Pipe wakePipe() {
        return wakePipe;
    }

    private void wake() {
        if (!wakePending.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            wakePipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException e) {
            // Closed by an interrupt that hit during the write: the shell thread notices within
            // RECOVERY_POLL_MS, replaces the pipe and sends what is queued.
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Pipe newPipe() {
        try {
            Pipe p = Pipe.open();
            p.source().configureBlocking(false);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shell thread's wake-up pipe", e);
        }
    }

    private void run() {
        ZMQ.Socket shell;
        ZMQ.Socket stdin;
        try {
            shell = Sockets.bind(ctx, SocketType.ROUTER, info, info.shellPort(), Sockets.MAX_REQUEST_BYTES);
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            return;
        }
        try {
            stdin = Sockets.bind(ctx, SocketType.ROUTER, info, info.stdinPort(), Sockets.MAX_REQUEST_BYTES);
        } catch (RuntimeException e) {
            shell.close();
            bound.completeExceptionally(e);
            return;
        }
        ZMQ.Poller poller = newPoller(shell, stdin);
        try {
            bound.complete(new int[] {Sockets.boundPort(shell), Sockets.boundPort(stdin)});
            ByteBuffer drain = ByteBuffer.allocate(64);
            while (!stopping) {
                poller.poll(RECOVERY_POLL_MS);
                if (poller.pollin(0)) {
                    receiveAll(shell, onShell);
                }
                if (poller.pollin(1)) {
                    receiveAll(stdin, onStdin);
                }
                if (poller.pollin(2)) {
                    wakePending.set(false);
                    try {
                        while (wakePipe.source().read(drain.clear()) > 0) {
                            // empty the pipe; the outbox says what to do
                        }
                    } catch (IOException e) {
                        // closed under a writer: replaced just below
                    }
                }
                if (!wakeChannelOpen()) {
                    poller.close();
                    closePipe();
                    wakePipe = newPipe();
                    poller = newPoller(shell, stdin);
                    wakePending.set(false);
                    Log.warn("shell wake-up pipe was closed by an interrupted writer; replaced");
                }
                processOutbox(shell, stdin);
            }
            processOutbox(shell, stdin);
        } catch (RuntimeException e) {
            if (!stopping) {
                Log.warn("shell thread failed", e);
            }
        } finally {
            poller.close();
            shell.close();
            stdin.close();
            closePipe();
        }
    }

    /** Indices: 0 shell, 1 stdin, 2 the wake-up pipe. */
    private ZMQ.Poller newPoller(ZMQ.Socket shell, ZMQ.Socket stdin) {
        ZMQ.Poller poller = ctx.poller(3);
        poller.register(shell, ZMQ.Poller.POLLIN);
        poller.register(stdin, ZMQ.Poller.POLLIN);
        poller.register(wakePipe.source(), ZMQ.Poller.POLLIN);
        return poller;
    }

    private void processOutbox(ZMQ.Socket shell, ZMQ.Socket stdin) {
        Object item;
        while ((item = outbox.poll()) != null) {
            if (item instanceof Outgoing o) {
                try {
                    Sockets.send(o.stdin() ? stdin : shell, codec.encode(o.message()));
                } catch (RuntimeException e) {
                    Log.warn("sending " + o.message().msgType() + " failed", e);
                }
            } else {
                receiveAll(shell, onShell);
                ((Runnable) item).run();
            }
        }
    }

    private void receiveAll(ZMQ.Socket socket, Consumer<Message> handler) {
        List<byte[]> frames;
        while ((frames = Sockets.receive(socket, ZMQ.DONTWAIT)) != null) {
            Message m = codec.decodeOrReport(frames, problems);
            if (m != null) {
                handler.accept(m);
            }
        }
    }

    private void closePipe() {
        try {
            wakePipe.sink().close();
            wakePipe.source().close();
        } catch (IOException e) {
            Log.warn("closing the wake-up pipe failed", e);
        }
    }
}
