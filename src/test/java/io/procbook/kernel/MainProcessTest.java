package io.procbook.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.procbook.shell.CommandTrees;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real entry point in its own JVM: it serves, shuts down on request, exits when its parent dies, and takes
 * the commands its cells started (and what those started) with it, however it ends.
 */
class MainProcessTest {
    @TempDir
    Path dir;

    @Test
    void servesAndExitsSoonAfterAShutdownRequest() throws Exception {
        try (KernelProcess k = new KernelProcess(dir, KernelFixture.KEY, null);
             TestClient c = new TestClient(k.ports, KernelFixture.KEY)) {
            Message info = c.send(c.shell, "kernel_info_request", new JsonObject());
            assertEquals("ok", c.reply(c.shell, info).content().get("status").getAsString());
            Message req = c.send(c.control, "shutdown_request", new JsonObject());
            assertEquals("shutdown_reply", c.reply(c.control, req).msgType());
            long t0 = System.nanoTime();
            assertTrue(k.process.waitFor(20, TimeUnit.SECONDS), "kernel JVM exited");
            long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(0, k.process.exitValue(), k.logText());
            assertTrue(exitMs < 5000, "exit took " + exitMs + " ms");
        }
    }

    @Test
    void exitsWhenItsParentDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        try (KernelProcess k = new KernelProcess(dir, KernelFixture.KEY, parent.pid());
             TestClient c = new TestClient(k.ports, KernelFixture.KEY)) {
            Message info = c.send(c.shell, "kernel_info_request", new JsonObject());
            assertEquals("ok", c.reply(c.shell, info).content().get("status").getAsString());
            parent.destroy();
            assertTrue(k.process.waitFor(20, TimeUnit.SECONDS), "kernel JVM exited after its parent died");
            assertEquals(0, k.process.exitValue());
            assertTrue(k.logText().contains("is gone"));
        } finally {
            KernelProcess.stopForSure(parent);
        }
    }

    @Test
    void aBadConnectionFileExitsWithACleanError() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"shell_port\": 1}");
        Process kernel = KernelProcess.start(dir, bad, dir.resolve("kernel.log"), null);
        try {
            assertTrue(kernel.waitFor(20, TimeUnit.SECONDS));
            assertEquals(2, kernel.exitValue());
            assertTrue(Files.readString(dir.resolve("kernel.log")).contains("iopub_port"));
        } finally {
            KernelProcess.stopForSure(kernel);
        }
    }

    @Test
    void anEmptyKeyIsServedOnLoopbackWithAWarning() throws Exception {
        try (KernelProcess k = new KernelProcess(dir, "", null); TestClient c = new TestClient(k.ports, "")) {
            Message info = c.send(c.shell, "kernel_info_request", new JsonObject());
            assertEquals("ok", c.reply(c.shell, info).content().get("status").getAsString());
            assertTrue(k.logText().contains("key is empty: messages are not signed"), k.logText());
        }
    }

    @Test
    void aKilledKernelTakesItsCommandsAndWhatTheyStartedWithIt() throws Exception {
        String marker = "313.25";
        try (KernelProcess k = new KernelProcess(dir, KernelFixture.KEY, null);
             TestClient c = new TestClient(k.ports, KernelFixture.KEY)) {
            c.execute("%%sh\n( sleep " + marker + " & )\nsleep " + marker + "\n");
            CommandTrees.awaitRunning(marker, 2);
            k.process.destroyForcibly(); // kill -9: no hook, no orderly end
            assertTrue(k.process.waitFor(20, TimeUnit.SECONDS));
            CommandTrees.awaitGone(marker, 15_000); // else: commands outlived the kernel
        } finally {
            CommandTrees.killLeftovers(marker);
        }
    }

    @Test
    void aRestartEndsWhatAFinishedCellsCommandLeftRunning() throws Exception {
        String marker = "314.25";
        try (KernelProcess k = new KernelProcess(dir, KernelFixture.KEY, null);
             TestClient c = new TestClient(k.ports, KernelFixture.KEY)) {
            Message cell = c.execute("%%sh\n( sleep " + marker + " & )\necho started\n");
            assertEquals("ok", c.awaitOn(c.shell, m -> TestClient.isChildOf(m, cell), Duration.ofSeconds(120))
                    .content().get("status").getAsString());
            CommandTrees.awaitRunning(marker, 1);
            Message restart = c.send(c.control, "shutdown_request", TestClient.json("restart", true));
            assertEquals("shutdown_reply", c.reply(c.control, restart).msgType());
            assertTrue(k.process.waitFor(20, TimeUnit.SECONDS));
            CommandTrees.awaitGone(marker, 15_000); // else: a background job outlived a restart
        } finally {
            CommandTrees.killLeftovers(marker);
        }
    }
}
