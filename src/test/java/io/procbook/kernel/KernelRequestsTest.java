package io.procbook.kernel;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static io.procbook.kernel.TestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reply shapes and iopub traffic of every request type except execute, against a kernel with a fake engine. */
class KernelRequestsTest extends KernelTestBase {


    private void assertBusyThenIdleOnly(Message request) {
        assertEquals(List.of("status:busy", "status:idle"), TestClient.types(c.iopubUntilIdle(request)));
    }

    @Test
    void kernelInfoOnShellAndControl() {
        for (var socket : List.of(c.shell, c.control)) {
            Message req = c.send(socket, "kernel_info_request", new JsonObject());
            Message reply = c.reply(socket, req);
            assertEquals("kernel_info_reply", reply.msgType());
            assertEquals(req.header(), reply.parentHeader());
            JsonObject r = reply.content();
            assertEquals("ok", r.get("status").getAsString());
            assertEquals("5.3", r.get("protocol_version").getAsString());
            assertEquals("procbook", r.get("implementation").getAsString());
            assertFalse(r.get("implementation_version").getAsString().isEmpty());
            assertFalse(r.get("banner").getAsString().isEmpty());
            assertTrue(r.get("help_links").getAsJsonArray().size() > 0);
            assertEquals(0, r.get("supported_features").getAsJsonArray().size(), "no debugger, no subshells");
            JsonObject li = r.getAsJsonObject("language_info");
            assertEquals("java", li.get("name").getAsString());
            assertEquals("17.0.99-fake", li.get("version").getAsString());
            assertEquals("text/x-java-source", li.get("mimetype").getAsString());
            assertEquals(".jshell", li.get("file_extension").getAsString());
            assertEquals("text/x-java", li.get("codemirror_mode").getAsString());
            assertEquals("java", li.get("pygments_lexer").getAsString());
            assertEquals("5.3", reply.header().get("version").getAsString());
            assertBusyThenIdleOnly(req);
        }
    }

    @Test
    void completeInspectIsComplete() {
        Message req = c.request("complete_request", json("code", "System.out.pri", "cursor_pos", 14));
        JsonObject r = c.reply(c.shell, req).content();
        assertEquals("ok", r.get("status").getAsString());
        assertEquals(List.of("println", "printf"), Json.GSON.fromJson(r.get("matches"), List.class));
        assertEquals(9, r.get("cursor_start").getAsInt());
        assertEquals(14, r.get("cursor_end").getAsInt());
        assertTrue(r.get("metadata").isJsonObject());
        assertBusyThenIdleOnly(req);

        req = c.request("inspect_request", json("code", "String", "cursor_pos", 3, "detail_level", 1));
        r = c.reply(c.shell, req).content();
        assertEquals("ok", r.get("status").getAsString());
        assertTrue(r.get("found").getAsBoolean());
        assertEquals("class String, detail 1", r.getAsJsonObject("data").get("text/plain").getAsString());
        r = c.reply(c.shell, c.request("inspect_request", json("code", "xyz", "cursor_pos", 1))).content();
        assertFalse(r.get("found").getAsBoolean());

        r = c.reply(c.shell, c.request("is_complete_request", json("code", "void f() {"))).content();
        assertEquals("incomplete", r.get("status").getAsString());
        assertEquals("    ", r.get("indent").getAsString());
        r = c.reply(c.shell, c.request("is_complete_request", json("code", "1 + 1"))).content();
        assertEquals("complete", r.get("status").getAsString());
        assertFalse(r.has("indent"));
        r = c.reply(c.shell, c.request("is_complete_request", json("code", "}}"))).content();
        assertEquals("invalid", r.get("status").getAsString());
    }

    @Test
    void commsAreAnsweredWithoutTargets() {
        Message info = c.request("comm_info_request", json("target_name", "jupyter.widget"));
        JsonObject r = c.reply(c.shell, info).content();
        assertEquals("ok", r.get("status").getAsString());
        assertEquals(0, r.getAsJsonObject("comms").size());

        Message open = c.request("comm_open", json("comm_id", "c-1", "target_name", "jupyter.widget", "data", new JsonObject()));
        List<Message> out = c.iopubUntilIdle(open);
        assertEquals(List.of("status:busy", "comm_close", "status:idle"), TestClient.types(out));
        assertEquals("c-1", out.get(1).content().get("comm_id").getAsString());

        Message msg = c.request("comm_msg", json("comm_id", "c-1", "data", new JsonObject()));
        assertBusyThenIdleOnly(msg);
        Message close = c.request("comm_close", json("comm_id", "c-1", "data", new JsonObject()));
        assertBusyThenIdleOnly(close);
        // Neither comm_msg nor comm_close has a reply: the next reply on shell is the next request's.
        Message probe = c.request("kernel_info_request", new JsonObject());
        assertEquals("kernel_info_reply", c.awaitOn(c.shell, m -> true, TestClient.TIMEOUT).msgType());
        c.iopubUntilIdle(probe);
    }

    @Test
    void unknownRequestsGetAnErrorReplyAndUnknownOthersNone() {
        Message req = c.request("frobnicate_request", new JsonObject());
        Message reply = c.reply(c.shell, req);
        assertEquals("frobnicate_reply", reply.msgType());
        assertEquals("error", reply.content().get("status").getAsString());
        assertEquals("UnknownMessageType", reply.content().get("ename").getAsString());
        assertBusyThenIdleOnly(req);

        Message ctl = c.send(c.control, "debug_request", new JsonObject());
        assertEquals("error", c.reply(c.control, ctl).content().get("status").getAsString());

        c.request("strange_event", new JsonObject());
        Message probe = c.request("kernel_info_request", new JsonObject());
        assertEquals("kernel_info_reply", c.awaitOn(c.shell, m -> true, TestClient.TIMEOUT).msgType());
        c.iopubUntilIdle(probe);
        assertEquals(3, k.kernel.problems().count(Problem.UNKNOWN_TYPE));
    }

    @Test
    void badContentGetsABadRequestReply() {
        Message noCode = c.request("execute_request", json("silent", false));
        JsonObject r = c.reply(c.shell, noCode).content();
        assertEquals("error", r.get("status").getAsString());
        assertEquals("BadRequest", r.get("ename").getAsString());
        assertTrue(r.get("evalue").getAsString().contains("code"));
        Message wrongType = c.request("complete_request", json("code", 42));
        assertEquals("error", c.reply(c.shell, wrongType).content().get("status").getAsString());
        Message executeOnControl = c.send(c.control, "execute_request", json("code", "1"));
        assertEquals("error", c.reply(c.control, executeOnControl).content().get("status").getAsString());
        assertTrue(k.engine.executed.isEmpty());
    }

    @Test
    void historyThroughTheProtocol() {
        for (String code : List.of("int a = 1;", "a + 1", "int b = a;")) {
            c.iopubUntilIdle(c.execute(code));
        }
        JsonArray tail = c.reply(c.shell, c.request("history_request",
                json("hist_access_type", "tail", "n", 2, "output", false, "raw", true))).content().getAsJsonArray("history");
        assertEquals(2, tail.size());
        JsonArray last = tail.get(1).getAsJsonArray();
        assertEquals(1, last.get(0).getAsInt(), "session");
        assertEquals(3, last.get(1).getAsInt(), "line");
        assertEquals("int b = a;", last.get(2).getAsString());

        JsonArray range = c.reply(c.shell, c.request("history_request",
                json("hist_access_type", "range", "session", 0, "start", 1, "stop", 3, "output", false))).content()
                .getAsJsonArray("history");
        assertEquals(2, range.size());
        assertEquals("int a = 1;", range.get(0).getAsJsonArray().get(2).getAsString());

        JsonArray search = c.reply(c.shell, c.request("history_request",
                json("hist_access_type", "search", "pattern", "int*", "n", 10, "unique", true))).content()
                .getAsJsonArray("history");
        assertEquals(2, search.size());

        JsonArray withOutput = c.reply(c.shell, c.request("history_request",
                json("hist_access_type", "tail", "n", 1, "output", true))).content().getAsJsonArray("history");
        assertEquals("int b = a;", withOutput.get(0).getAsJsonArray().get(2).getAsJsonArray().get(0).getAsString());

        JsonObject bad = c.reply(c.shell, c.request("history_request", json("hist_access_type", "sideways"))).content();
        assertEquals("error", bad.get("status").getAsString());
    }

    @Test
    void heartbeatEchoes() {
        byte[] ping = "ping-123".getBytes(StandardCharsets.US_ASCII);
        c.hb.send(ping);
        byte[] pong = null;
        long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
        while (pong == null && System.nanoTime() < deadline) {
            pong = c.hb.recv(0);
        }
        assertArrayEquals(ping, pong);
    }
}
