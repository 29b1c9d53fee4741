package io.procbook.kernel;

import io.procbook.testing.Poll;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Floods of bad messages are dropped or refused, logged once per kind, and the kernel keeps serving. */
class RobustnessTest {
    private static final int EACH = 1000;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void thousandsOfBadMessagesThenANormalCell() throws Exception {
        try (KernelFixture k = new KernelFixture()) {
            TestClient c = k.client;
            Signer right = new Signer(KernelFixture.KEY, "hmac-sha256");
            Signer wrong = new Signer("not-the-key", "hmac-sha256");
            Random random = new Random(42);
            String goodHeader = "{\"msg_id\":\"%d\",\"msg_type\":\"execute_request\",\"session\":\"s\",\"username\":\"u\","
                    + "\"date\":\"2024-01-01T00:00:00.000000Z\",\"version\":\"5.3\"}";
            for (int i = 0; i < EACH; i++) {
                // bad signature on a request that would run code
                Sockets.send(c.shell, TestClient.signedFrames(wrong, goodHeader.formatted(i), "{}", "{}", "{\"code\":\"evil\"}"));
                // garbage frames: random bytes, no delimiter
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                Sockets.send(c.shell, List.of(junk, junk));
                // delimiter but too few frames
                Sockets.send(c.shell, List.of(WireCodec.DELIMITER, b("sig")));
                // invalid JSON, correctly signed
                Sockets.send(c.shell, TestClient.signedFrames(right, "{\"msg_id\": \"" + i, "{}", "{}", "{}"));
                // header without msg_type / msg_id, correctly signed
                Sockets.send(c.shell, TestClient.signedFrames(right, "{\"msg_id\":\"m" + i + "\"}", "{}", "{}", "{\"code\":\"x\"}"));
                Sockets.send(c.shell, TestClient.signedFrames(right, "{\"msg_type\":\"execute_request\",\"session\":\"" + i + "\"}",
                        "{}", "{}", "{\"code\":\"x\"}")); // unique: the same signed message again is a replay
                // unknown message type, correctly signed: answered with an error reply
                Sockets.send(c.shell, TestClient.signedFrames(right, "{\"msg_id\":\"u" + i + "\",\"msg_type\":\"nonsense_request\"}",
                        "{}", "{}", "{}"));
                // the same on control and stdin
                Sockets.send(c.control, TestClient.signedFrames(wrong, goodHeader.formatted(i), "{}", "{}", "{}"));
                Sockets.send(c.stdin, List.of(junk));
            }
            Message exec = c.execute("normal cell");
            JsonObject reply = c.reply(c.shell, exec).content();
            assertEquals("ok", reply.get("status").getAsString());
            assertEquals(List.of("normal cell"), k.engine.executed, "no bad message ever reached the engine");
            assertTrue(c.iopubUntilIdle(exec).stream().anyMatch(m -> m.msgType().equals("execute_result")));

            awaitControlAndStdinFloodsRead(k);
            ProblemLog p = k.kernel.problems();
            assertEquals(2L * EACH, p.count(Problem.BAD_SIGNATURE), "bad signatures on shell and control");
            assertEquals(3L * EACH, p.count(Problem.MALFORMED_FRAMES), "junk on shell (2 kinds) and stdin");
            assertEquals(EACH, p.count(Problem.INVALID_JSON));
            assertEquals(2L * EACH, p.count(Problem.MISSING_FIELD));
            assertEquals(EACH, p.count(Problem.UNKNOWN_TYPE));
            assertEquals(5, k.problemLog.size(), "one log line per kind, not per message: " + k.problemLog);
        }
    }

    /**
     * Control and stdin are other sockets: the normal cell's reply does not prove their floods were read.
     * Polls (generous deadline) until they are counted.
     */
    private static void awaitControlAndStdinFloodsRead(KernelFixture k) {
        Poll.until("control/stdin floods to be read", () -> k.kernel.problems().count(Problem.BAD_SIGNATURE) >= 2L * EACH
                && k.kernel.problems().count(Problem.MALFORMED_FRAMES) >= 3L * EACH, TestClient.TIMEOUT);
    }
}
