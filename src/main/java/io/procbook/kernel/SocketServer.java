package io.procbook.kernel;

import org.zeromq.SocketType;
import org.zeromq.UncheckedZMQException;
import org.zeromq.ZMQ;

import java.util.concurrent.CompletableFuture;

/**
 * A thread that binds one socket, serves it with blocking receives until the ZMQ context is terminated, and
 * then closes it: the shape of the control and heartbeat channels.
 */
abstract class SocketServer {
    private final ZMQ.Context ctx;
    private final ConnectionInfo info;
    private final SocketType type;
    private final int port;
    private final long maxFrameBytes;
    private final CompletableFuture<Integer> bound = new CompletableFuture<>();
    private final Thread thread;
    private boolean warned;

    SocketServer(ZMQ.Context ctx, ConnectionInfo info, SocketType type, int port, long maxFrameBytes,
                 String threadName) {
        this.ctx = ctx;
        this.info = info;
        this.type = type;
        this.port = port;
        this.maxFrameBytes = maxFrameBytes;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts the thread; the future completes with the bound port, or fails if binding failed. */
    CompletableFuture<Integer> start() {
        thread.start();
        return bound;
    }

    Thread thread() {
        return thread;
    }

    /** Receives and answers one message; blocks in the receive. */
    abstract void serveOne(ZMQ.Socket socket);

    private void run() {
        ZMQ.Socket socket;
        try {
            socket = Sockets.bind(ctx, type, info, port, maxFrameBytes);
            bound.complete(Sockets.boundPort(socket));
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            return;
        }
        try {
            while (true) {
                try {
                    serveOne(socket);
                } catch (UncheckedZMQException e) {
                    if (Sockets.isTermination(e)) {
                        return;   // context terminated: the kernel is shutting down
                    }
                    if (!warned) {
                        Log.warn(thread.getName() + ": socket error; further ones are not logged", e);
                        warned = true;
                    }
                }
            }
        } finally {
            socket.close();
        }
    }
}
