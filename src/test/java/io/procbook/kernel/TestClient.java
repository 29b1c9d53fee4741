package io.procbook.kernel;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** A minimal Jupyter client over JeroMQ for driving a kernel in tests. Use from one thread only. */
final class TestClient implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int POLL_MS = 50;

    final ZMQ.Context ctx = ZMQ.context(1);
    final ZMQ.Socket shell;
    final ZMQ.Socket control;
    final ZMQ.Socket stdin;
    final ZMQ.Socket iopub;
    final ZMQ.Socket hb;
    final WireCodec codec;
    final MessageFactory factory = new MessageFactory("tester");
    /** iopub messages received but not yet consumed by a test, in arrival order. */
    private final List<Message> iopubBacklog = new ArrayList<>();

    TestClient(Kernel.Ports ports, String key) {
        this(ports, key, true);
    }

    /** @param subscribe whether iopub subscribes at once (else {@link #subscribeIopub()} does, later) */
    TestClient(Kernel.Ports ports, String key, boolean subscribe) {
        codec = new WireCodec(new Signer(key, "hmac-sha256"));
        byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        shell = connect(SocketType.DEALER, ports.shell(), identity);
        stdin = connect(SocketType.DEALER, ports.stdin(), identity);   // same identity, as jupyter_client does
        control = connect(SocketType.DEALER, ports.control(), null);
        iopub = connect(SocketType.SUB, ports.iopub(), null);
        if (subscribe) {
            subscribeIopub();
        }
        hb = connect(SocketType.REQ, ports.hb(), null);
    }

    private ZMQ.Socket connect(SocketType type, int port, byte[] identity) {
        ZMQ.Socket s = ctx.socket(type);
        s.setLinger(0);
        s.setReceiveTimeOut(POLL_MS);
        if (identity != null) {
            s.setIdentity(identity);
        }
        s.connect("tcp://127.0.0.1:" + port);
        return s;
    }

    void subscribeIopub() {
        iopub.subscribe(new byte[0]);
    }

    /** Sends kernel_info requests until iopub delivers something: a SUB socket misses what precedes its join. */
    void awaitIopubConnected() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Message probe = send(shell, "kernel_info_request", new JsonObject());
            reply(shell, probe);
            long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
            while (System.nanoTime() < until) {
                Message m = receive(iopub);
                if (m != null) {
                    // Subscribed now; the last probe's messages were published after m, so its idle arrives.
                    iopubUntilIdle(probe);
                    iopubBacklog.clear();
                    return;
                }
            }
        }
        fail("iopub never delivered a message");
    }

    Message request(String type, JsonObject content) {
        return send(shell, type, content);
    }

    Message send(ZMQ.Socket socket, String type, JsonObject content) {
        Message m = new Message(List.of(), factory.header(type), new JsonObject(), new JsonObject(), content, List.of());
        Sockets.send(socket, codec.encode(m));
        return m;
    }

    /** Sends a reply-style message (e.g. input_reply) whose parent is {@code parent}'s header. */
    void sendWithParent(ZMQ.Socket socket, String type, JsonObject parent, JsonObject content) {
        Message m = new Message(List.of(), factory.header(type), parent, new JsonObject(), content, List.of());
        Sockets.send(socket, codec.encode(m));
    }

    /** The next message on a socket, or null after one short poll interval. */
    Message receive(ZMQ.Socket socket) {
        List<byte[]> frames = Sockets.receive(socket, 0);
        if (frames == null) {
            return null;
        }
        try {
            Message m = codec.decode(frames);
            if (socket == iopub) {
                iopubBacklog.add(m);
            }
            return m;
        } catch (MalformedMessageException e) {
            throw new AssertionError("kernel sent a malformed message: " + e.getMessage(), e);
        }
    }

    /** The reply to {@code request} on {@code socket}; fails after the timeout. */
    Message reply(ZMQ.Socket socket, Message request) {
        return awaitOn(socket, m -> isChildOf(m, request), TIMEOUT);
    }

    Message awaitOn(ZMQ.Socket socket, Predicate<Message> p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = receive(socket);
            if (m != null && socket != iopub && p.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no matching message within " + timeout);
    }

    /** The first iopub message (received earlier or now) matching {@code p}; removes it from the backlog. */
    Message awaitIopub(Predicate<Message> p) {
        return awaitIopub(p, TIMEOUT);
    }

    /** {@link #awaitIopub(Predicate)} with its own time limit. */
    Message awaitIopub(Predicate<Message> p, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<Message> it = iopubBacklog.iterator(); it.hasNext(); ) {
                Message m = it.next();
                if (p.test(m)) {
                    it.remove();
                    return m;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching iopub message within " + timeout);
            }
            receive(iopub);
        }
    }

    /** Every iopub message of {@code request} up to and including its idle status, in order; consumes them. */
    List<Message> iopubUntilIdle(Message request) {
        return iopubUntilIdle(request, TIMEOUT);
    }

    /** {@link #iopubUntilIdle(Message)} with its own time limit for the idle. */
    List<Message> iopubUntilIdle(Message request, Duration timeout) {
        Message idle = awaitIopub(m -> isChildOf(m, request) && m.msgType().equals("status")
                && m.content().get("execution_state").getAsString().equals("idle"), timeout);
        List<Message> out = new ArrayList<>();
        for (Iterator<Message> it = iopubBacklog.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (isChildOf(m, request)) {
                out.add(m);
                it.remove();
            }
        }
        // Backlog entries of this request all arrived before its idle, which was removed first.
        out.add(idle);
        return out;
    }

    /** Every iopub message received but not yet consumed, plus what arrives within one poll; consumes them. */
    List<Message> drainIopub() {
        while (receive(iopub) != null) {
            // keep reading while messages come
        }
        List<Message> out = new ArrayList<>(iopubBacklog);
        iopubBacklog.clear();
        return out;
    }

    /** A JSON object from alternating keys and values (values go through Gson). */
    static JsonObject json(Object... keysAndValues) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            o.add((String) keysAndValues[i], Json.GSON.toJsonTree(keysAndValues[i + 1]));
        }
        return o;
    }

    static boolean isChildOf(Message m, Message request) {
        return m.parentHeader().has("msg_id")
                && m.parentHeader().get("msg_id").getAsString().equals(request.msgId());
    }

    static List<String> types(List<Message> messages) {
        List<String> t = new ArrayList<>();
        for (Message m : messages) {
            t.add(m.msgType().equals("status") ? "status:" + m.content().get("execution_state").getAsString() : m.msgType());
        }
        return t;
    }

    /** Sends an execute request with the usual defaults plus {@code options} (later keys win). */
    Message execute(String code, JsonObject options) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        if (options != null) {
            options.entrySet().forEach(e -> c.add(e.getKey(), e.getValue()));
        }
        return request("execute_request", c);
    }

    Message execute(String code) {
        return execute(code, null);
    }

    @Override
    public void close() {
        for (ZMQ.Socket s : List.of(shell, control, stdin, iopub, hb)) {
            s.close();
        }
        ctx.term();
    }

    /** The frames of a message with these JSON parts, signed by {@code signer} (no identities). */
    static List<byte[]> signedFrames(Signer signer, String header, String parent, String metadata, String content) {
        List<byte[]> json = List.of(header.getBytes(StandardCharsets.UTF_8), parent.getBytes(StandardCharsets.UTF_8),
                metadata.getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8));
        List<byte[]> frames = new ArrayList<>();
        frames.add(WireCodec.DELIMITER);
        frames.add(signer.sign(json).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(json);
        return frames;
    }
}
