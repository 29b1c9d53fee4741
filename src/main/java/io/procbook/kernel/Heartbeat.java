package io.procbook.kernel;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.UncheckedZMQException;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Echoes heartbeat pings on its own thread, so that a long-running cell never makes the client think the kernel
 * died. The thread ends when the ZMQ context is terminated.
 */
final class Heartbeat {
    private final ZMQ.Context ctx;
    private final ConnectionInfo info;
    private final CompletableFuture<Integer> bound = new CompletableFuture<>();
    private final Thread thread;

    Heartbeat(ZMQ.Context ctx, ConnectionInfo info) {
        this.ctx = ctx;
        this.info = info;
        this.thread = new Thread(this::run, "procbook-heartbeat");
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
            socket = Sockets.bind(ctx, SocketType.REP, info, info.hbPort());
            bound.complete(Sockets.boundPort(socket));
        } catch (RuntimeException e) {
            bound.completeExceptionally(e);
            return;
        }
        try {
            while (true) {
                try {
                    List<byte[]> ping = Sockets.receive(socket, 0);
                    if (ping != null) {
                        Sockets.send(socket, ping);
                    }
                } catch (UncheckedZMQException e) {
                    if (Sockets.isTermination(e)) {
                        return;   // context terminated: the kernel is shutting down
                    }
                }
            }
        } finally {
            socket.close();
        }
    }
}
