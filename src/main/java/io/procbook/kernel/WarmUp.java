package io.procbook.kernel;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -XX:ArchiveClassesAtExit=... -jar procbook.jar --warm-up}: one short, real session (a kernel on
 * loopback started as {@link Main} starts one, a client that asks kernel_info and runs a few cells, then
 * shutdown) so that install.sh can dump a class data sharing archive of every class a kernel start and a first
 * cell load. Its history goes to a temporary file. Exits 0 when the session went through.
 */
final class WarmUp {

    private static final String[] CELLS = {
        "1 + 1",
        "System.out.println(\"warm\");",
        "String greet(String who) { return \"hi \" + who; }",
        "greet(\"you\")",
        "display(\"shown\");",
        "List.of(1, 2, 3).stream().mapToInt(i -> i).sum()",
    };

    private WarmUp() { }

    static int run() throws Exception {
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, "warm-up", "hmac-sha256");
        Path history = Files.createTempFile("procbook-warm-up-history", ".jsonl");
        Kernel kernel;
        try {
            kernel = Main.launch(info, new HistoryFile(history, 100),
                    String.valueOf(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L)));
        } catch (RuntimeException e) {
            Files.deleteIfExists(history);
            throw e;
        }
        WireCodec codec = new WireCodec(new Signer(info.key(), info.signatureScheme()));
        MessageFactory factory = new MessageFactory("warm-up");
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket shell = ctx.createSocket(SocketType.DEALER);
            shell.setReceiveTimeOut(120_000);
            shell.connect("tcp://127.0.0.1:" + kernel.ports().shell());
            exchange(shell, codec, factory, "kernel_info_request", new JsonObject());
            for (String cell : CELLS) {
                JsonObject content = new JsonObject();
                content.addProperty("code", cell);
                content.addProperty("silent", false);
                exchange(shell, codec, factory, "execute_request", content);
            }
            JsonObject complete = new JsonObject();
            complete.addProperty("code", "System.out.pri");
            complete.addProperty("cursor_pos", 14);
            exchange(shell, codec, factory, "complete_request", complete);
        } finally {
            kernel.shutdown("warm-up done");
            kernel.awaitTermination(10, TimeUnit.SECONDS);
            Files.deleteIfExists(history);
        }
        return 0;
    }

    private static void exchange(ZMQ.Socket shell, WireCodec codec, MessageFactory factory, String type,
                                 JsonObject content) throws MalformedMessageException {
        Message request = new Message(List.of(), factory.header(type), new JsonObject(), new JsonObject(), content,
                List.of());
        ZMsg out = new ZMsg();
        codec.encode(request).forEach(out::add);
        out.send(shell);
        ZMsg in = ZMsg.recvMsg(shell);
        if (in == null) throw new IllegalStateException("no reply to " + type + " within 2 minutes");
        List<byte[]> frames = new ArrayList<>();
        in.forEach(f -> frames.add(f.getData()));
        Message reply = codec.decode(frames);
        if (!"ok".equals(Json.string(reply.content(), "status", "ok"))) {
            throw new IllegalStateException(type + " failed: " + reply.content());
        }
    }
}
