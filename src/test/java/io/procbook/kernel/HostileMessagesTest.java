package io.procbook.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fault test: the real kernel (its own JVM, JShell and all) gets 10,000 hostile messages on shell and
 * control (bad, missing and random signatures on cells that would create a file; garbage frames; invalid JSON
 * under a valid signature; unknown message types; a replayed signed cell; megabytes of junk), then answers,
 * runs a signed cell, and has run nothing unsigned and the replayed cell only once. Every socket is on
 * 127.0.0.1.
 */
class HostileMessagesTest {
    private static final int ROUNDS = 1000; // ten messages each
    private static final int JUNK_MEGABYTES = 16;
    private static final Duration FIRST_CELL = Duration.ofSeconds(120); // JShell's start, on a loaded machine

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String javaString(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** An execute_request for {@code code}, signed as {@code signature} says (null: correctly). */
    private static List<byte[]> execute(MessageFactory f, Signer right, String code, String signature) {
        JsonObject content = new JsonObject();
        content.addProperty("code", code);
        content.addProperty("silent", false);
        List<byte[]> json = List.of(b(Json.GSON.toJson(f.header("execute_request"))), b("{}"), b("{}"),
                b(Json.GSON.toJson(content)));
        List<byte[]> frames = new ArrayList<>();
        frames.add(WireCodec.DELIMITER);
        frames.add(b(signature != null ? signature : right.sign(json)));
        frames.addAll(json);
        return frames;
    }

    @Test
    void tenThousandHostileMessagesRunNothingAndTheKernelServesOn() throws Exception {
        Path evil = dir.resolve("evil");
        Path once = dir.resolve("once");
        Path good = dir.resolve("good");
        String evilCode = "java.nio.file.Files.writeString(java.nio.file.Path.of(" + javaString(evil) + "), \"x\");";
        try (KernelProcess k = new KernelProcess(dir, KernelFixture.KEY, null);
             TestClient c = new TestClient(k.ports, KernelFixture.KEY)) {
            Message warm = c.execute("1 + 1"); // JShell started and warm: what follows measures the flood
            assertEquals("ok", c.awaitOn(c.shell, m -> TestClient.isChildOf(m, warm), FIRST_CELL).content()
                    .get("status").getAsString());
            Signer right = new Signer(KernelFixture.KEY, "hmac-sha256");
            Signer wrong = new Signer("not-the-key", "hmac-sha256");
            MessageFactory f = new MessageFactory("intruder");
            Random random = new Random(17);
            List<byte[]> replayed = execute(f, right, "java.nio.file.Files.writeString(java.nio.file.Path.of("
                    + javaString(once) + "), \"ran\\n\", java.nio.file.StandardOpenOption.CREATE,"
                    + " java.nio.file.StandardOpenOption.APPEND);", null);
            long t0 = System.nanoTime();
            int sent = 0;
            for (int i = 0; i < ROUNDS; i++) {
                byte[] randomSignature = new byte[32];
                random.nextBytes(randomSignature);
                byte[] junk = new byte[1 + random.nextInt(256)];
                random.nextBytes(junk);
                // shell: cells that would create a file, signed with the wrong key, not at all, at random
                Sockets.send(c.shell, execute(f, right, evilCode, wrong.sign(List.of(b("x")))));
                Sockets.send(c.shell, execute(f, right, evilCode, ""));
                Sockets.send(c.shell, execute(f, right, evilCode, HexFormat.of().formatHex(randomSignature)));
                Sockets.send(c.shell, List.of(junk, junk));
                Sockets.send(c.shell, TestClient.signedFrames(right, "{\"msg_id\": \"" + i, "{}", "{}", "{}"));
                Sockets.send(c.shell, TestClient.signedFrames(right,
                        "{\"msg_id\":\"u" + i + "\",\"msg_type\":\"nonsense_request\"}", "{}", "{}", "{}"));
                Sockets.send(c.shell, replayed); // the first one runs; every later one is a replay
                // control: the same kinds
                Sockets.send(c.control, execute(f, right, evilCode, wrong.sign(List.of(b("y")))));
                Sockets.send(c.control, execute(f, right, evilCode, HexFormat.of().formatHex(randomSignature)));
                Sockets.send(c.control, List.of(WireCodec.DELIMITER, junk));
                sent += 10;
            }
            byte[] megabyte = new byte[1 << 20];
            for (int i = 0; i < JUNK_MEGABYTES; i++) {
                random.nextBytes(megabyte);
                Sockets.send(i % 2 == 0 ? c.shell : c.control, List.of(WireCodec.DELIMITER, b("0".repeat(64)),
                        megabyte, b("{}"), b("{}"), b("{}")));
                sent++;
            }
            long floodMs = (System.nanoTime() - t0) / 1_000_000;

            // Control answers after its flood (one connection, in order) ...
            Message ping = c.send(c.control, "kernel_info_request", new JsonObject());
            assertEquals("ok", c.awaitOn(c.control, m -> TestClient.isChildOf(m, ping), FIRST_CELL).content()
                    .get("status").getAsString());
            // ... and a signed cell runs after everything sent to shell before it was read and dealt with.
            Message cell = c.execute("java.nio.file.Files.writeString(java.nio.file.Path.of(" + javaString(good)
                    + "), \"signed\"); 6 * 7");
            JsonObject reply = c.awaitOn(c.shell, m -> TestClient.isChildOf(m, cell), FIRST_CELL).content();
            long totalMs = (System.nanoTime() - t0) / 1_000_000;
            assertEquals("ok", reply.get("status").getAsString(), reply.toString());
            assertEquals("signed", Files.readString(good));
            assertFalse(Files.exists(evil), "an unsigned or forged cell ran");
            assertEquals("ran\n", Files.readString(once), "the replayed signed cell ran more than once");
            assertTrue(k.process.isAlive());
            long logLines = k.logText().lines().count();
            assertTrue(logLines < 30, "each kind of bad message is logged once, not " + sent + " times:\n"
                    + k.logText());
            System.out.println("hostile messages: " + sent + " sent in " + floodMs + " ms; signed cell answered "
                    + totalMs + " ms after the flood began");
        }
    }
}
