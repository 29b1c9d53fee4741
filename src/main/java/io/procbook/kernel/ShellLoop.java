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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The thread that owns the shell and stdin ROUTER sockets. It receives and verifies requests (handing them to
 * the shell worker and the stdin broker) and sends what other threads queue for these sockets. Other threads
 * wake it through a pipe that its poller watches next to the sockets, since ZMQ sockets must not be touched by
 * more than one thread.
 *
 * <p>Only a private waker thread writes to that pipe: a pipe is an interruptible channel, and a write by an
 * interrupted thread (a cell thread after an interrupt_request, say) would close it for good.
 */
final class ShellLoop {
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
    private final Semaphore wakeRequests = new Semaphore(0);
    private final Pipe wakePipe;
    private final Thread waker;
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
        try {
            this.wakePipe = Pipe.open();
            this.wakePipe.source().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shell thread's wake-up pipe", e);
        }
        this.thread = new Thread(this::run, "procbook-shell");
        this.thread.setDaemon(true);
        this.waker = new Thread(this::runWaker, "procbook-shell-waker");
        this.waker.setDaemon(true);
    }

    /** Starts the thread; completes with {shell port, stdin port} once both are bound. */
    CompletableFuture<int[]> start() {
        waker.start();
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
        wakeRequests.release();
        thread.join(timeoutMs);
        waker.join(timeoutMs);
    }

    boolean isAlive() {
        return thread.isAlive() || waker.isAlive();
    }

    /** Whether the wake-up pipe still works (it must survive interrupted callers). */
    boolean wakeChannelOpen() {
        return wakePipe.sink().isOpen() && wakePipe.source().isOpen();
    }

    private void wake() {
        if (wakePending.compareAndSet(false, true)) {
            wakeRequests.release();
        }
    }

    private void runWaker() {
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!stopping) {
            wakeRequests.acquireUninterruptibly();
            wakeRequests.drainPermits();
            try {
                wakePipe.sink().write(one.clear());
            } catch (IOException e) {
                if (!stopping) {
                    Log.warn("shell wake-up pipe failed", e);
                }
                return;
            }
        }
    }

    private void run() {
        ZMQ.Socket shell;
        ZMQ.Socket stdin;
        try {
            shell = Sockets.bind(ctx, SocketType.ROUTER, info, info.shellPort());
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            return;
        }
        try {
            stdin = Sockets.bind(ctx, SocketType.ROUTER, info, info.stdinPort());
        } catch (RuntimeException e) {
            shell.close();
            bound.completeExceptionally(e);
            return;
        }
        ZMQ.Poller poller = ctx.poller(3);
        try {
            int shellIndex = poller.register(shell, ZMQ.Poller.POLLIN);
            int stdinIndex = poller.register(stdin, ZMQ.Poller.POLLIN);
            int wakeIndex = poller.register(wakePipe.source(), ZMQ.Poller.POLLIN);
            bound.complete(new int[] {Sockets.boundPort(shell), Sockets.boundPort(stdin)});
            ByteBuffer drain = ByteBuffer.allocate(64);
            while (!stopping) {
                poller.poll(-1);
                if (poller.pollin(shellIndex)) {
                    receiveAll(shell, onShell);
                }
                if (poller.pollin(stdinIndex)) {
                    receiveAll(stdin, onStdin);
                }
                if (poller.pollin(wakeIndex)) {
                    wakePending.set(false);
                    while (wakePipe.source().read(drain.clear()) > 0) {
                        // empty the pipe; the outbox says what to do
                    }
                }
                processOutbox(shell, stdin);
            }
            processOutbox(shell, stdin);
        } catch (IOException | RuntimeException e) {
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
            Message m;
            try {
                m = codec.decode(frames);
            } catch (MalformedMessageException e) {
                problems.report(e.problem, e.getMessage());
                continue;
            }
            handler.accept(m);
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
