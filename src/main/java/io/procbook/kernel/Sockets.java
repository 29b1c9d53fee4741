package io.procbook.kernel;

import org.zeromq.SocketType;
import org.zeromq.UncheckedZMQException;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

import java.util.ArrayList;
import java.util.List;

/** Creating, binding and multipart I/O on the kernel's ZMQ sockets. */
final class Sockets {
    /**
     * How long closing a socket may wait to deliver what is still queued: long enough for a shutdown_reply to
     * leave, short enough that a vanished client cannot hold the kernel's exit.
     */
    static final int LINGER_MS = 200;
    /**
     * The largest frame a client may send on shell, control and stdin: generous for comm messages with binary
     * buffers, yet without a bound a peer could announce a frame of gigabytes and make the kernel allocate for
     * it before any signature is checked. A bigger frame ends that peer's connection.
     */
    static final long MAX_REQUEST_BYTES = 256L << 20;
    /** The largest frame on heartbeat (an echoed ping) and iopub (only subscriptions come in). */
    static final long MAX_SMALL_BYTES = 64L << 10;

    private Sockets() { }

    /**
     * Creates a socket that receives frames of at most {@code maxFrameBytes} and binds it to the connection's
     * endpoint for {@code port} (0 = any free port).
     *
     * @throws IllegalStateException for the ipc transport: JeroMQ 0.6 emulates ipc with loopback TCP, which no
     *                               libzmq client can reach, so binding would look fine and never connect
     */
    static ZMQ.Socket bind(ZMQ.Context ctx, SocketType type, ConnectionInfo info, int port, long maxFrameBytes) {
        if (info.transport().equals("ipc")) {
            throw new IllegalStateException("transport \"ipc\" is not supported by this kernel (JeroMQ 0.6 has no "
                    + "Unix-domain ipc that Jupyter clients can reach); use \"tcp\"");
        }
        ZMQ.Socket s = ctx.socket(type);
        try {
            s.setLinger(LINGER_MS);
            s.setMaxMsgSize(maxFrameBytes);
            if (info.ipv6()) {
                s.setIPv6(true);
            }
            s.bind(info.endpoint(port));
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw new IllegalStateException("cannot bind " + info.endpoint(port) + ": " + e.getMessage(), e);
        }
    }

    /** The port a bound socket actually listens on (differs from the requested one when that was 0). */
    static int boundPort(ZMQ.Socket s) {
        String endpoint = s.getLastEndpoint();
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /** Receives all frames of one multipart message, or null when nothing is waiting (with DONTWAIT). */
    static List<byte[]> receive(ZMQ.Socket s, int flags) {
        byte[] first = s.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (s.hasReceiveMore()) {
            frames.add(s.recv(0));
        }
        return frames;
    }

    /** Whether a ZMQ error means the context was terminated, i.e. the socket's owner must close it and end. */
    static boolean isTermination(UncheckedZMQException e) {
        return e instanceof ZError.CtxTerminatedException
                || (e instanceof ZMQException z && z.getErrorCode() == ZMQ.Error.ETERM.getCode());
    }

    static void send(ZMQ.Socket s, List<byte[]> frames) {
        int last = frames.size() - 1;
        for (int i = 0; i < last; i++) {
            s.sendMore(frames.get(i));
        }
        s.send(frames.get(last), 0);
    }
}
