package io.procbook.kernel;

import io.procbook.testing.Poll;

import com.google.gson.JsonObject;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.procbook.kernel.TestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** execute_request: counting, iopub sequence, results, errors, user expressions and stop_on_error. */
class KernelExecuteTest extends KernelTestBase {


    @Test
    void pagePayloadReachesTheReply() {
        k.engine.cell = (code, out, silent) -> ExecuteOutcome.page(Map.of("text/plain", "docs of " + code));
        Message req = c.execute("String?");
        JsonObject reply = c.reply(c.shell, req).content();
        assertEquals("ok", reply.get("status").getAsString());
        assertEquals(1, reply.getAsJsonArray("payload").size());
        JsonObject page = reply.getAsJsonArray("payload").get(0).getAsJsonObject();
        assertEquals("page", page.get("source").getAsString());
        assertEquals(0, page.get("start").getAsInt());
        assertEquals("docs of String?", page.getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals(List.of("status:busy", "execute_input", "status:idle"), TestClient.types(c.iopubUntilIdle(req)),
                "a page is no execute_result");
    }

    @Test
    void okCellPublishesInputAndResultBetweenBusyAndIdle() {
        Message req = c.execute("1 + 1");
        JsonObject reply = c.reply(c.shell, req).content();
        assertEquals("ok", reply.get("status").getAsString());
        assertEquals(1, reply.get("execution_count").getAsInt());
        assertEquals(0, reply.getAsJsonObject("user_expressions").size());
        assertEquals(0, reply.getAsJsonArray("payload").size());
        List<Message> out = c.iopubUntilIdle(req);
        assertEquals(List.of("status:busy", "execute_input", "execute_result", "status:idle"), TestClient.types(out));
        assertEquals("1 + 1", out.get(1).content().get("code").getAsString());
        assertEquals(1, out.get(1).content().get("execution_count").getAsInt());
        JsonObject result = out.get(2).content();
        assertEquals(1, result.get("execution_count").getAsInt());
        assertEquals("value of 1 + 1", result.getAsJsonObject("data").get("text/plain").getAsString());
        assertTrue(result.get("metadata").isJsonObject());
        for (Message m : out) {
            assertEquals(req.header(), m.parentHeader());
        }
    }

    @Test
    void executionCountGrowsOnlyForStoredNonSilentCells() {
        assertEquals(1, c.reply(c.shell, c.execute("a")).content().get("execution_count").getAsInt());
        Message silent = c.execute("b", json("silent", true));
        JsonObject silentReply = c.reply(c.shell, silent).content();
        assertEquals(1, silentReply.get("execution_count").getAsInt());
        assertEquals(List.of("status:busy", "status:idle"), TestClient.types(c.iopubUntilIdle(silent)),
                "silent: no execute_input, no execute_result");
        Message unstored = c.execute("c", json("store_history", false));
        assertEquals(1, c.reply(c.shell, unstored).content().get("execution_count").getAsInt());
        assertEquals(2, c.reply(c.shell, c.execute("d")).content().get("execution_count").getAsInt());
        assertEquals(List.of("a", "b", "c", "d"), k.engine.executed);
        JsonObject hist = c.reply(c.shell, c.request("history_request", json("hist_access_type", "tail", "n", 10)))
                .content();
        assertEquals(2, hist.getAsJsonArray("history").size(), "only stored cells are in the history");
    }

    @Test
    void userExpressionsAreEvaluatedAfterASuccessfulCell() {
        Message req = c.execute("x", json("user_expressions", Map.of("good", "1 + 2", "bad", "fail here")));
        JsonObject ue = c.reply(c.shell, req).content().getAsJsonObject("user_expressions");
        assertEquals("ok", ue.getAsJsonObject("good").get("status").getAsString());
        assertEquals("expr 1 + 2", ue.getAsJsonObject("good").getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("error", ue.getAsJsonObject("bad").get("status").getAsString());
        assertEquals("FakeError", ue.getAsJsonObject("bad").get("ename").getAsString());
    }

    @Test
    void failingCellPublishesErrorAndRepliesWithIt() {
        Message req = c.execute("fail now", json("user_expressions", Map.of("e", "1")));
        JsonObject reply = c.reply(c.shell, req).content();
        assertEquals("error", reply.get("status").getAsString());
        assertEquals("FakeError", reply.get("ename").getAsString());
        assertEquals("failed: fail now", reply.get("evalue").getAsString());
        assertEquals(2, reply.getAsJsonArray("traceback").size());
        assertEquals(1, reply.get("execution_count").getAsInt());
        List<Message> out = c.iopubUntilIdle(req);
        assertEquals(List.of("status:busy", "execute_input", "error", "status:idle"), TestClient.types(out));
        assertEquals("FakeError", out.get(2).content().get("ename").getAsString());
    }

    @Test
    void anErrorWithoutTracebackIsShownByItsNameAndMessageWithinTheWidth() {
        String message = "a message long enough to need more than one line of the output area, "
                + "which the kernel wraps at spaces instead of letting the front end cut words";
        k.engine.cell = (code, out, silent) -> ExecuteOutcome.error("QuietError", message, List.of());
        Message req = c.execute("x");
        c.reply(c.shell, req);
        JsonObject error = c.iopubUntilIdle(req).get(2).content();
        List<String> tb = new java.util.ArrayList<>();
        error.getAsJsonArray("traceback").forEach(e -> tb.add(e.getAsString()));
        assertEquals(2, tb.size(), tb::toString);
        assertTrue(tb.get(0).startsWith("QuietError: a message long enough"), tb::toString);
        assertEquals("QuietError: " + message, String.join(" ", tb).replaceAll("\\s+", " "));
        tb.forEach(line -> assertTrue(line.length() <= io.procbook.shell.api.TextWidth.COLUMNS, line));
        assertEquals(message, error.get("evalue").getAsString());
    }

    @Test
    void engineExceptionsBecomeErrorRepliesAndTheKernelGoesOn() {
        k.engine.cell = (code, out, silent) -> {
            throw new UnsupportedOperationException("engine bug");
        };
        JsonObject reply = c.reply(c.shell, c.execute("boom")).content();
        assertEquals("error", reply.get("status").getAsString());
        k.engine.cell = FakeEngine::defaultCell;
        assertEquals("ok", c.reply(c.shell, c.execute("fine")).content().get("status").getAsString());
    }

    @Test
    void stopOnErrorAbortsExecuteRequestsAlreadyQueued() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        failSlowly(started, release);
        Message a = c.execute("slow fail");
        Message b = c.execute("queued 1");
        Message info = c.request("kernel_info_request", new JsonObject());
        Message d = c.execute("queued 2");
        assertTrue(started.await(20, TimeUnit.SECONDS));
        awaitBacklog(3);
        release.countDown();

        assertEquals("error", c.reply(c.shell, a).content().get("status").getAsString());
        assertEquals("aborted", c.reply(c.shell, b).content().get("status").getAsString());
        assertEquals("ok", c.reply(c.shell, info).content().get("status").getAsString(), "non-execute requests are served");
        assertEquals("aborted", c.reply(c.shell, d).content().get("status").getAsString());
        assertEquals(List.of("status:busy", "status:idle"), TestClient.types(c.iopubUntilIdle(b)));

        Message after = c.execute("after");
        assertEquals("ok", c.reply(c.shell, after).content().get("status").getAsString(), "later requests run again");
        assertEquals(List.of("slow fail", "after"), k.engine.executed);
    }

    @Test
    void withoutStopOnErrorQueuedRequestsRun() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        failSlowly(started, release);
        Message a = c.execute("slow fail", json("stop_on_error", false));
        Message b = c.execute("next");
        assertTrue(started.await(20, TimeUnit.SECONDS));
        awaitBacklog(1);
        release.countDown();
        assertEquals("error", c.reply(c.shell, a).content().get("status").getAsString());
        assertEquals("ok", c.reply(c.shell, b).content().get("status").getAsString());
    }

    /** The cell "slow fail" reports that it started, waits for {@code release}, then fails. */
    private void failSlowly(CountDownLatch started, CountDownLatch release) {
        k.engine.cell = (code, out, silent) -> {
            if (code.equals("slow fail")) {
                started.countDown();
                assertTrue(release.await(20, TimeUnit.SECONDS));
                return ExecuteOutcome.error("FakeError", "slow", List.of());
            }
            return FakeEngine.defaultCell(code, out, silent);
        };
    }

    /** Polls (generous deadline) until the kernel has received {@code n} requests it has not started yet. */
    private void awaitBacklog(int n) {
        Poll.until(n + " requests to arrive", () -> k.kernel.shellBacklog() >= n, TestClient.TIMEOUT);
    }
}
