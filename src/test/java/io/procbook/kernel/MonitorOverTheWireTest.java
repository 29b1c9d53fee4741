package io.procbook.kernel;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The monitor's end as a notebook client sees it, through the real kernel (its own JVM, real child JVMs): a
 * client that stops listening at a cell's idle (nbclient, nbconvert) must have the final summary by then when
 * the cell's processes are over; processes that outlive the cell keep the table live until they end, and then
 * the summary follows by itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorOverTheWireTest {

    private static final String SUMMARY = "procbook monitor \u00b7 finished";
    private static final Duration SLOW = Duration.ofSeconds(90);

    private KernelProcess kernelProcess;
    private Process kernel;
    private TestClient client;

    @BeforeAll
    void startKernel(@TempDir Path tempDir) throws Exception {
        kernelProcess = new KernelProcess(tempDir, KernelFixture.KEY, null);
        kernel = kernelProcess.process;
        client = new TestClient(kernelProcess.ports, KernelFixture.KEY);
        client.awaitIopubConnected();
        // The first cell waits for JShell to start; a busy machine may take a while.
        runOk("int warmUp = 1;");
    }

    @AfterAll
    void stopKernel() throws Exception {
        if (kernel == null) return;
        try {
            List<ProcessHandle> children = kernel.descendants().toList();
            Message req = client.send(client.control, "shutdown_request", new JsonObject());
            client.reply(client.control, req);
            assertTrue(kernel.waitFor(30, TimeUnit.SECONDS), "kernel exited");
            for (ProcessHandle p : children) {
                try {
                    p.onExit().get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    fail("child " + p.pid() + " of the kernel is still there");
                }
            }
        } finally {
            if (client != null) client.close();
            kernelProcess.close();
        }
    }

    /**
     * Code that starts a thread of the cell that waits in a blocking accept, as the runtime's own output pumps
     * wait in reads: runnable in the JVM's eyes, but no work that should keep the monitor live.
     */
    private static String waiter(String name) {
        return """
                var %1$sServer = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                var %1$s = new Thread(() -> {
                    try { %1$sServer.accept().close(); } catch (java.io.IOException closed) { }
                }, "%1$s");
                %1$s.start();
                """.formatted(name);
    }

    private static String endWaiter(String name) {
        return "%1$sServer.close();\n%1$s.join();\n".formatted(name);
    }

    @Test
    void processesOverByTheCellsEndLeaveTheSummaryBeforeIdle() throws Exception {
        try {
            List<Message> out = runOk(waiter("waiter") + """
                    var spinners = new ArrayList<Process>();
                    // CPU time, not wall time: on a loaded machine the chart still has something to show
                    for (int i = 0; i < 2; i++) spinners.add(new Process(() -> {
                        var self = java.lang.management.ManagementFactory.getThreadMXBean();
                        long x = 0;
                        while (self.getCurrentThreadCpuTime() < 400_000_000L) x++;
                    }));
                    spinners.forEach(Process::start);
                    spinners.forEach(Process::join);
                    """);
            Message last = lastDisplayOfTheMonitor(out);
            JsonObject data = last.content().getAsJsonObject("data");
            String text = data.get("text/plain").getAsString();
            assertTrue(text.startsWith(SUMMARY), "the summary is the monitor's last word before idle:\n" + text);
            assertTrue(text.contains("exited(0)") && !text.contains("running"), text);
            assertTrue(data.has("image/png"), "the chart as PNG: " + data.keySet());
            byte[] png = Base64.getDecoder().decode(data.get("image/png").getAsString());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
            String html = data.get("text/html").getAsString();
            assertTrue(html.contains("<img src=\"data:image/png;base64,"), "the HTML shows the chart as an image");
            assertFalse(html.contains("<svg"), "no inline SVG, which sanitizers strip to run-on text");
        } finally {
            runOk(endWaiter("waiter"));
        }
    }

    @Test
    void aProcessThatOutlivesTheCellKeepsTheTableLiveThenLeavesItsSummaryBySelf() throws Exception {
        Message req = client.execute(waiter("lateWaiter") + """
                var late = new Process(() -> {
                    Thread.sleep(1500);
                    System.out.println("the late child ends");
                });
                late.start();
                """);
        long inputAt = -1;
        long lineAt = -1;
        long summaryAt = -1;
        boolean idle = false;
        List<Message> shown = new ArrayList<>();
        String displayId = null;
        long deadline = System.nanoTime() + SLOW.toNanos();
        while (summaryAt < 0) {
            if (System.nanoTime() > deadline) fail("no summary within " + SLOW + "; the monitor showed " + texts(shown));
            Message m = client.awaitIopub(x -> TestClient.isChildOf(x, req));
            long at = System.nanoTime();
            switch (m.msgType()) {
                case "execute_input" -> inputAt = at;
                case "status" -> idle |= m.content().get("execution_state").getAsString().equals("idle");
                case "stream" -> {
                    if (m.content().get("text").getAsString().contains("the late child ends")) lineAt = at;
                }
                case "error" -> fail("the cell failed: " + m.content());
                case "display_data", "update_display_data" -> {
                    String id = displayId(m);
                    if (displayId == null) displayId = id;
                    assertEquals(displayId, id, "one display");
                    shown.add(m);
                    if (text(m).startsWith(SUMMARY)) {
                        assertTrue(idle, "the summary comes after the cell, once the process has ended");
                        assertTrue(lineAt > 0, "the summary comes after the child's last line");
                        summaryAt = at;
                    }
                }
                default -> { }
            }
        }
        assertFalse(text(shown.get(0)).startsWith(SUMMARY), "live while the process runs");
        double afterEnd = (summaryAt - lineAt) / 1e6;
        assertTrue(afterEnd < 1000, "summary " + afterEnd + " ms after the child's last line");
        for (int i = 1; i < shown.size(); i++) {
            assertNotEquals(shown.get(i - 1).content().get("data"), shown.get(i).content().get("data"),
                    "an unchanged table was sent again: " + texts(shown));
        }
        Matcher wall = Pattern.compile("wall (\\d+\\.\\d) s").matcher(text(shown.get(shown.size() - 1)));
        assertTrue(wall.find(), text(shown.get(shown.size() - 1)));
        double wallSeconds = Double.parseDouble(wall.group(1));
        double cellToSummary = (summaryAt - inputAt) / 1e9;
        assertTrue(wallSeconds >= 1.4, "the wall time covers the child's 1.5 s: " + wallSeconds);
        // the wall time is shown to a tenth of a second: rounded, it may be up to 0.05 s longer
        assertTrue(wallSeconds <= cellToSummary + 0.05, "wall " + wallSeconds + " s, but the summary came "
                + cellToSummary + " s after the cell started");

        // Nothing more for that display, not even while the next cell runs.
        runOk(endWaiter("lateWaiter") + "late.join();");
        String id = displayId;
        List<Message> later = client.drainIopub();
        assertTrue(later.stream().noneMatch(m -> id.equals(displayIdOrNull(m))), "no update after the summary");
    }

    @Test
    void aCellWhoseProcessDidAlmostNothingGetsOneLineAndNoChart() throws Exception {
        List<Message> out = runOk("""
                var quick = new Process(() -> { });
                quick.start();
                quick.join();
                """);
        JsonObject data = lastDisplayOfTheMonitor(out).content().getAsJsonObject("data");
        String text = data.get("text/plain").getAsString();
        assertTrue(text.startsWith(SUMMARY), text);
        assertFalse(text.contains("\n"), "one line: " + text);
        assertTrue(text.length() <= 100, "a short line: " + text);
        assertTrue(text.matches(".* \u00b7 Process-\\d+ \\(pid \\d+\\): exited\\(0\\) \u00b7 wall \\d+\\.\\d s, CPU 0\\.\\d s"), text);
        assertEquals(List.of("text/plain", "text/html"), List.copyOf(data.keySet()), "no chart");
        String html = data.get("text/html").getAsString();
        assertFalse(html.contains("<img") || html.contains("<svg") || html.contains("<table"), html);
    }

    private List<Message> runOk(String code) {
        Message req = client.execute(code);
        List<Message> out = client.iopubUntilIdle(req, SLOW);
        for (Message m : out) {
            if (m.msgType().equals("error")) fail("cell failed: " + m.content() + "\n" + code + log());
        }
        assertEquals("ok", client.reply(client.shell, req).content().get("status").getAsString());
        return out;
    }

    private String log() {
        try {
            return "\nkernel log:\n" + kernelProcess.logText();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** The last display message of the cell's one monitor display, among a cell's messages up to its idle. */
    private static Message lastDisplayOfTheMonitor(List<Message> out) {
        Message last = null;
        String id = null;
        for (Message m : out) {
            String mine = displayIdOrNull(m);
            if (mine == null || !mine.startsWith("procbook-monitor-")) continue;
            if (id == null) id = mine;
            assertEquals(id, mine, "one monitor display per cell");
            last = m;
        }
        assertTrue(last != null, "the cell shows its monitor: " + TestClient.types(out));
        return last;
    }

    private static String displayIdOrNull(Message m) {
        if (!m.msgType().equals("display_data") && !m.msgType().equals("update_display_data")) return null;
        JsonObject t = m.content().getAsJsonObject("transient");
        return t == null || !t.has("display_id") ? null : t.get("display_id").getAsString();
    }

    private static String displayId(Message m) {
        String id = displayIdOrNull(m);
        assertTrue(id != null, "a display id");
        return id;
    }

    private static String text(Message m) {
        return m.content().getAsJsonObject("data").get("text/plain").getAsString();
    }

    private static List<String> texts(List<Message> shown) {
        return shown.stream().map(MonitorOverTheWireTest::text).toList();
    }
}
