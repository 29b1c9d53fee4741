package io.procbook.kernel;

import org.zeromq.SocketType;
import org.zeromq.UncheckedZMQException;
import org.zeromq.ZMQ;

import java.util.List;

/**
 * The thread that owns the control ROUTER socket and answers its requests itself, at once, even while a cell
 * runs on the shell worker: that is what makes interrupt and shutdown work.
 */
final class ControlLoop extends SocketServer {
    private final WireCodec codec;
    private final ProblemLog problems;
    private final RequestDispatcher dispatcher;

    ControlLoop(ZMQ.Context ctx, ConnectionInfo info, WireCodec codec, ProblemLog problems,
                RequestDispatcher dispatcher) {
        super(ctx, info, SocketType.ROUTER, info.controlPort(), Sockets.MAX_REQUEST_BYTES, "procbook-control");
        this.codec = codec;
        this.problems = problems;
        this.dispatcher = dispatcher;
    }

    @Override
    void serveOne(ZMQ.Socket socket) {
        List<byte[]> frames = Sockets.receive(socket, 0);
        if (frames == null) {
            return;
        }
        Message request = codec.decodeOrReport(frames, problems);
        if (request != null) {
            dispatcher.handle(request, RequestDispatcher.Channel.CONTROL, reply -> send(socket, reply), () -> { });
        }
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
