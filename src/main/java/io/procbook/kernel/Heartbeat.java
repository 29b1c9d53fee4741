package io.procbook.kernel;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.util.List;

/** Echoes heartbeat pings on its own thread, so that a long-running cell never makes the client think the kernel died. */
final class Heartbeat extends SocketServer {
    Heartbeat(ZMQ.Context ctx, ConnectionInfo info) {
        super(ctx, info, SocketType.REP, info.hbPort(), Sockets.MAX_SMALL_BYTES, "procbook-heartbeat");
    }

    @Override
    void serveOne(ZMQ.Socket socket) {
        List<byte[]> ping = Sockets.receive(socket, 0);
        if (ping != null) {
            Sockets.send(socket, ping);
        }
    }
}
