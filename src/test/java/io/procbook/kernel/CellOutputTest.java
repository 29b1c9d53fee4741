package io.procbook.kernel;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stream coalescing, output order, displays and output of threads that outlive their cell. */
class CellOutputTest extends KernelTestBase {

    private static String streamText(List<Message> out, String name) {
        StringBuilder sb = new StringBuilder();
        for (Message m : out) {
            if (m.msgType().equals("stream") && m.content().get("name").getAsString().equals(name)) {
                sb.append(m.content().get("text").getAsString());
            }
        }
        return sb.toString();
    }

    @Test
    void aMillionSmallWritesBecomeAFewMessagesInOrder() {
        int lines = 1_000_000;
        k.engine.cell = (code, out, silent) -> {
            for (int i = 0; i < lines; i++) {
                out.stream("stdout", i + "\n");
            }
            return ExecuteOutcome.ok(null);
        };
        Message req = c.execute("loop");
        List<Message> out = c.iopubUntilIdle(req);
        long streams = out.stream().filter(m -> m.msgType().equals("stream")).count();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            expected.append(i).append('\n');
        }
        assertEquals(expected.toString(), streamText(out, "stdout"));
        assertTrue(streams <= 1000, lines + " writes became " + streams + " messages");
        assertEquals("stream", out.get(out.size() - 2).msgType(), "all text is out before idle");
    }

    @Test
    void everyOtherMessageFlushesTheCellsPendingTextFirst() {
        k.engine.cell = (code, out, silent) -> {
            out.stream("stdout", "a");
            out.stream("stderr", "warn");
            out.display(Map.of("text/plain", "D1"), Map.of(), null, false);
            out.stream("stdout", "b");
            out.clearOutput(true);
            out.stream("stdout", "c");
            out.display(Map.of("text/html", "<b>x</b>"), Map.of(), "disp-1", false);
            out.stream("stdout", "d");
            out.display(Map.of("text/html", "<b>y</b>"), Map.of(), "disp-1", true);
            out.stream("stdout", "e");
            return ExecuteOutcome.ok(Map.of("text/plain", "R"));
        };
        Message req = c.execute("ordered");
        List<Message> out = c.iopubUntilIdle(req);
        List<String> seen = new ArrayList<>();
        for (Message m : out) {
            switch (m.msgType()) {
                case "stream" -> seen.add(m.content().get("name").getAsString() + ":" + m.content().get("text").getAsString());
                case "display_data", "update_display_data" -> seen.add(m.msgType() + ":"
                        + m.content().getAsJsonObject("data").entrySet().iterator().next().getValue().getAsString());
                case "status" -> seen.add(m.content().get("execution_state").getAsString());
                default -> seen.add(m.msgType());
            }
        }
        assertEquals(List.of("busy", "execute_input", "stdout:a", "stderr:warn", "display_data:D1", "stdout:b",
                "clear_output", "stdout:c", "display_data:<b>x</b>", "stdout:d", "update_display_data:<b>y</b>",
                "stdout:e", "execute_result", "idle"), seen);
        Message update = out.stream().filter(m -> m.msgType().equals("update_display_data")).findFirst().orElseThrow();
        assertEquals("disp-1", update.content().getAsJsonObject("transient").get("display_id").getAsString());
        Message clear = out.stream().filter(m -> m.msgType().equals("clear_output")).findFirst().orElseThrow();
        assertTrue(clear.content().get("wait").getAsBoolean());
    }

    @Test
    void outputOfAThreadThatOutlivesItsCellKeepsThatCellsParent() throws Exception {
        CountDownLatch printLate = new CountDownLatch(1);
        AtomicReference<Thread> background = new AtomicReference<>();
        k.engine.cell = (code, out, silent) -> {
            if (code.equals("starts thread")) {
                Thread t = new Thread(() -> {
                    try {
                        if (printLate.await(20, TimeUnit.SECONDS)) {
                            out.stream("stdout", "late line\n");   // nothing of that cell follows: the timer sends it
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                background.set(t);
                t.start();
            }
            return ExecuteOutcome.ok(null);
        };
        Message first = c.execute("starts thread");
        c.iopubUntilIdle(first);
        Message second = c.execute("other cell");
        c.reply(c.shell, second);
        printLate.countDown();
        Message late = c.awaitIopub(m -> m.msgType().equals("stream"));
        assertEquals(first.header(), late.parentHeader());
        assertEquals("late line\n", late.content().get("text").getAsString());
        background.get().join(20_000);
        c.iopubUntilIdle(second);
    }

    @Test
    void badDisplaysFailInTheCallingCode() {
        AtomicReference<Throwable> noId = new AtomicReference<>();
        AtomicReference<Throwable> badName = new AtomicReference<>();
        AtomicReference<Throwable> nan = new AtomicReference<>();
        AtomicReference<Throwable> noStdin = new AtomicReference<>();
        k.engine.cell = (code, out, silent) -> {
            noId.set(catchOf(() -> out.display(Map.of("text/plain", "x"), Map.of(), null, true)));
            badName.set(catchOf(() -> out.stream("stdlog", "x")));
            nan.set(catchOf(() -> out.display(Map.of("application/json", Map.of("v", Double.NaN)), Map.of(), null, false)));
            noStdin.set(catchOf(() -> out.input("name? ", false)));
            return ExecuteOutcome.ok(null);
        };
        Message req = c.execute("bad displays");   // the test client's default is allow_stdin false
        assertEquals("ok", c.reply(c.shell, req).content().get("status").getAsString());
        assertTrue(noId.get() instanceof IllegalArgumentException, String.valueOf(noId.get()));
        assertTrue(badName.get() instanceof IllegalArgumentException, String.valueOf(badName.get()));
        assertTrue(nan.get() instanceof IllegalArgumentException, String.valueOf(nan.get()));
        assertTrue(noStdin.get() instanceof IllegalStateException, String.valueOf(noStdin.get()));
        assertEquals(List.of("status:busy", "execute_input", "status:idle"), TestClient.types(c.iopubUntilIdle(req)));
    }

    private static Throwable catchOf(Runnable r) {
        return assertThrows(RuntimeException.class, r::run);
    }

    /** CellOutput is shared by many threads of one cell; each thread's own order must survive. */
    @Test
    void concurrentWritersKeepTheirOwnOrder() {
        int threads = 4;
        int perThread = 20_000;
        k.engine.cell = (code, out, silent) -> {
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String tag = "t" + t + ":";
                Thread th = new Thread(() -> {
                    for (int i = 0; i < perThread; i++) {
                        out.stream("stdout", tag + i + "\n");
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
            return ExecuteOutcome.ok(null);
        };
        Message req = c.execute("threads");
        String text = streamText(c.iopubUntilIdle(req), "stdout");
        int[] next = new int[threads];
        for (String line : text.split("\n")) {
            int t = line.charAt(1) - '0';
            assertEquals(next[t], Integer.parseInt(line.substring(3)), "thread " + t + " order");
            next[t]++;
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t]);
        }
    }
}
