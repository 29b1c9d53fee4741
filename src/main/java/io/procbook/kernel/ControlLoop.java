package io.procbook.kernel;

import org.zeromq.SocketType;
import org.zeromq.UncheckedZMQException;
import org.zeromq.ZMQ;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The thread that owns the control ROUTER socket and answers its requests itself, at once, even while a cell
 * runs on the shell worker: that is what makes interrupt and shutdown work. It ends when the ZMQ context is
 * terminated.
 */
final class ControlLoop {
    private final ZMQ.Context ctx;
    private final ConnectionInfo info;
    private final WireCodec codec;
    private final ProblemLog problems;
    private final RequestDispatcher dispatcher;
    private final CompletableFuture<Integer> bound = new CompletableFuture<>();
    private final Thread thread;

    ControlLoop(ZMQ.Context ctx, ConnectionInfo info, WireCodec codec, ProblemLog problems,
                RequestDispatcher dispatcher) {
        this.ctx = ctx;
        this.info = info;
        this.codec = codec;
        this.problems = problems;
        this.dispatcher = dispatcher;
        this.thread = new Thread(this::run, "procbook-control");
        this.thread.setDaemon(true);
    }

    CompletableFuture<Integer> start() {
        thread.start();
        return bound;
    }

    Thread thread() {
        return thread;
    }

    private void run() {
        ZMQ.Socket socket;
        try {
            socket = Sockets.bind(ctx, SocketType.ROUTER, info, info.controlPort());
            bound.complete(Sockets.boundPort(socket));
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            return;
        }
        try {
            boolean warned = false;
            while (true) {
                try {
                    serveOne(socket);
                } catch (UncheckedZMQException e) {
                    if (Sockets.isTermination(e)) {
                        return;   // context terminated: the kernel is shutting down
                    }
                    if (!warned) {
                        Log.warn("control socket error; further ones are not logged", e);
                        warned = true;
                    }
                }
            }
        } finally {
            socket.close();
        }
    }

    private void serveOne(ZMQ.Socket socket) {
        List<byte[]> frames = Sockets.receive(socket, 0);
        if (frames == null) {
            return;
        }
        Message request;
        try {
            request = codec.decode(frames);
        } catch (MalformedMessageException e) {
            problems.report(e.problem, e.getMessage());
            return;
        }
        dispatcher.handle(request, RequestDispatcher.Channel.CONTROL, reply -> send(socket, reply), () -> { });
    }

    private void send(ZMQ.Socket socket, Message reply) {
        try {
            Sockets.send(socket, codec.encode(reply));
        } catch (UncheckedZMQException e) {
            throw e;
        } catch (RuntimeException e) {
            Log.warn("sending " + reply.msgType() + " on control failed", e);
        }
    }
}
