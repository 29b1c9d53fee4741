package io.procbook.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real entry point in its own JVM: it serves, shuts down on request, and exits when its parent dies. */
class MainProcessTest {
    @TempDir
    Path dir;

    private Kernel.Ports ports;

    private Path connectionFile() throws IOException {
        KernelProcess.Connection c = KernelProcess.connectionFile(dir);
        ports = c.ports();
        return c.file();
    }

    private Process startKernel(Path connection, Long jpyParentPid) throws IOException {
        return KernelProcess.start(connection, dir, jpyParentPid);
    }

    private void stopForSure(Process p) throws InterruptedException {
        KernelProcess.stopForSure(p);
    }

    @Test
    void servesAndExitsSoonAfterAShutdownRequest() throws Exception {
        Process kernel = startKernel(connectionFile(), null);
        try (TestClient c = new TestClient(ports, KernelFixture.KEY)) {
            Message info = c.send(c.shell, "kernel_info_request", new JsonObject());
            assertEquals("ok", c.reply(c.shell, info).content().get("status").getAsString());
            Message req = c.send(c.control, "shutdown_request", new JsonObject());
            assertEquals("shutdown_reply", c.reply(c.control, req).msgType());
            long t0 = System.nanoTime();
            assertTrue(kernel.waitFor(20, TimeUnit.SECONDS), "kernel JVM exited");
            long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(0, kernel.exitValue(), Files.readString(dir.resolve("kernel.log")));
            assertTrue(exitMs < 5000, "exit took " + exitMs + " ms");
        } finally {
            stopForSure(kernel);
        }
    }

    @Test
    void exitsWhenItsParentDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        Process kernel = startKernel(connectionFile(), parent.pid());
        try (TestClient c = new TestClient(ports, KernelFixture.KEY)) {
            Message info = c.send(c.shell, "kernel_info_request", new JsonObject());
            assertEquals("ok", c.reply(c.shell, info).content().get("status").getAsString());
            parent.destroy();
            assertTrue(kernel.waitFor(20, TimeUnit.SECONDS), "kernel JVM exited after its parent died");
            assertEquals(0, kernel.exitValue());
            assertTrue(Files.readString(dir.resolve("kernel.log")).contains("is gone"));
        } finally {
            stopForSure(kernel);
            stopForSure(parent);
        }
    }

    @Test
    void aBadConnectionFileExitsWithACleanError() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"shell_port\": 1}");
        Process kernel = startKernel(bad, null);
        try {
            assertTrue(kernel.waitFor(20, TimeUnit.SECONDS));
            assertEquals(2, kernel.exitValue());
            assertTrue(Files.readString(dir.resolve("kernel.log")).contains("iopub_port"));
        } finally {
            stopForSure(kernel);
        }
    }
}
