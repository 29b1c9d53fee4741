package io.procbook.kernel;

import com.google.gson.JsonObject;
import io.procbook.shell.JShellEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.procbook.kernel.TestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** inspect_request and {@code NAME?} over the wire, against a kernel with the real engine. */
class KernelInspectTest {

    static Kernel kernel;
    static TestClient c;
    static final CountDownLatch exited = new CountDownLatch(1);

    @BeforeAll
    static void start() {
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, KernelFixture.KEY, "hmac-sha256");
        kernel = Kernel.start(info, new JShellEngine(), History.inMemory(100), new ProblemLog(), exited::countDown);
        c = new TestClient(kernel.ports(), KernelFixture.KEY, true);
        c.awaitIopubConnected();
        JsonObject reply = c.reply(c.shell, c.execute("var p = new Process(() -> { });\nint x = 42;")).content();
        assertEquals("ok", reply.get("status").getAsString(), reply::toString);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            kernel.shutdown("test finished");
            assertTrue(kernel.awaitTermination(30, TimeUnit.SECONDS), "kernel did not terminate");
            assertTrue(exited.await(10, TimeUnit.SECONDS), "exit action did not run");
            assertTrue(kernel.allThreadsEnded(), "kernel threads still running after shutdown");
        } finally {
            c.close();
        }
    }

    private static JsonObject inspect(String code, int cursor, int detail) {
        Message req = c.request("inspect_request", json("code", code, "cursor_pos", cursor, "detail_level", detail));
        JsonObject r = c.reply(c.shell, req).content();
        assertEquals("ok", r.get("status").getAsString(), r::toString);
        assertTrue(r.get("metadata").isJsonObject());
        return r;
    }

    private static String plain(JsonObject reply) {
        assertTrue(reply.get("found").getAsBoolean(), reply::toString);
        JsonObject data = reply.getAsJsonObject("data");
        assertTrue(data.has("text/markdown"), data::toString);
        String text = data.get("text/plain").getAsString();
        for (String line : text.split("\n")) assertTrue(line.length() <= 100, line);
        return text;
    }

    @Test
    void inspectShowsJavadocOfProcbooksApiVariablesAndTheirMethods() {
        String map = plain(inspect("Pool.map", 8, 0));
        assertTrue(map.startsWith("io.procbook.mp.Pool.map\n"), map);
        assertTrue(map.contains("Parameters:") && map.contains("Returns:") && map.contains("Throws:"), map);
        assertEquals("x: int = 42\n", plain(inspect("x", 1, 0)));
        String start = plain(inspect("p.start();", 4, 1));
        assertTrue(start.contains("public void start()\n\n    Starts the child"), start);
        JsonObject unknown = inspect("NoSuchThing", 3, 0);
        assertFalse(unknown.get("found").getAsBoolean());
        assertEquals(0, unknown.getAsJsonObject("data").size());
    }

    @Test
    void questionMarkPagesTheDocumentation() {
        JsonObject reply = c.reply(c.shell, c.execute("Pool?")).content();
        assertEquals("ok", reply.get("status").getAsString());
        JsonObject page = reply.getAsJsonArray("payload").get(0).getAsJsonObject();
        assertEquals("page", page.get("source").getAsString());
        String text = page.getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(text.startsWith("io.procbook.mp.Pool\n") && text.contains("Constructors:"), text);
    }

    @Test
    void jdkClassesAsTheRunningJdkHasThem() {
        String string = plain(inspect("String", 3, 0));
        assertTrue(string.startsWith("java.lang.String\n"), string);
        boolean installed = Files.isReadable(Path.of(System.getProperty("java.home"), "lib", "src.zip"));
        assertEquals(!installed, string.contains("The JDK's documentation is not installed"), string);
    }
}
