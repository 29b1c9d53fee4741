package io.procbook.kernel;

import com.google.gson.JsonObject;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.procbook.kernel.TestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Interrupt, stdin input, shutdown and restart. */
class KernelLifecycleTest {

    @Test
    void interruptReachesTheEngineWhileACellRuns() throws Exception {
        try (KernelFixture k = new KernelFixture()) {
            TestClient c = k.client;
            CountDownLatch running = new CountDownLatch(1);
            k.engine.cell = (code, out, silent) -> {
                running.countDown();
                new CountDownLatch(1).await();   // only an interrupt ends this cell
                return ExecuteOutcome.ok(null);
            };
            Message exec = c.execute("forever");
            assertTrue(running.await(20, TimeUnit.SECONDS));
            Message interrupt = c.send(c.control, "interrupt_request", new JsonObject());
            Message reply = c.reply(c.control, interrupt);
            assertEquals("interrupt_reply", reply.msgType());
            assertEquals("ok", reply.content().get("status").getAsString());
            assertEquals(1, k.engine.interrupts.get());
            JsonObject execReply = c.reply(c.shell, exec).content();
            assertEquals("error", execReply.get("status").getAsString());
            assertEquals("InterruptedException", execReply.get("ename").getAsString());
            assertEquals(List.of("status:busy", "status:idle"), TestClient.types(c.iopubUntilIdle(interrupt)));

            k.engine.cell = FakeEngine::defaultCell;
            assertEquals("ok", c.reply(c.shell, c.execute("next")).content().get("status").getAsString(),
                    "the kernel is ready for the next cell");
        }
    }

    @Test
    void inputRequestRoundTrip() throws Exception {
        try (KernelFixture k = new KernelFixture()) {
            TestClient c = k.client;
            k.engine.cell = (code, out, silent) -> {
                out.stream("stdout", "before prompt\n");
                String name = out.input("Your name: ", false);
                String secret = out.input("Password: ", true);
                out.stream("stdout", "hello " + name + " (" + secret.length() + ")\n");
                return ExecuteOutcome.ok(null);
            };
            Message exec = c.execute("ask", json("allow_stdin", true));
            Message ask = c.awaitOn(c.stdin, m -> true, TestClient.TIMEOUT);
            assertEquals("input_request", ask.msgType());
            assertEquals(exec.header(), ask.parentHeader());
            assertEquals("Your name: ", ask.content().get("prompt").getAsString());
            assertEquals(false, ask.content().get("password").getAsBoolean());
            c.sendWithParent(c.stdin, "input_reply", ask.header(), json("value", "Ada"));
            Message ask2 = c.awaitOn(c.stdin, m -> true, TestClient.TIMEOUT);
            assertEquals(true, ask2.content().get("password").getAsBoolean());
            c.sendWithParent(c.stdin, "input_reply", ask.header(), json("value", "stale"));   // answers nothing
            c.sendWithParent(c.stdin, "input_reply", new JsonObject(), json("value", "s3cret"));   // as jupyter_client 7
            assertEquals("ok", c.reply(c.shell, exec).content().get("status").getAsString());
            StringBuilder text = new StringBuilder();
            for (Message m : c.iopubUntilIdle(exec)) {
                if (m.msgType().equals("stream")) {
                    text.append(m.content().get("text").getAsString());
                }
            }
            assertEquals("before prompt\nhello Ada (6)\n", text.toString());
            assertEquals(1, k.kernel.problems().count(Problem.UNEXPECTED_INPUT_REPLY));
        }
    }

    @Test
    void interruptEndsAWaitForInput() throws Exception {
        try (KernelFixture k = new KernelFixture()) {
            TestClient c = k.client;
            AtomicReference<String> failure = new AtomicReference<>();
            k.engine.cell = (code, out, silent) -> {
                try {
                    out.input("never answered: ", false);
                } catch (IllegalStateException e) {
                    failure.set(e.getMessage());
                    throw e;
                }
                return ExecuteOutcome.ok(null);
            };
            Message exec = c.execute("ask", json("allow_stdin", true));
            c.awaitOn(c.stdin, m -> m.msgType().equals("input_request"), TestClient.TIMEOUT);
            c.reply(c.control, c.send(c.control, "interrupt_request", new JsonObject()));
            assertEquals("error", c.reply(c.shell, exec).content().get("status").getAsString());
            assertTrue(failure.get().contains("interrupted"), failure.get());
            // The cell thread may still carry its interrupt when it hands replies to the shell thread.
            k.engine.cell = (code, out, silent) -> {
                Thread.currentThread().interrupt();
                out.stream("stdout", "x");
                return ExecuteOutcome.ok(null);
            };
            for (int i = 0; i < 3; i++) {
                assertEquals("ok", c.reply(c.shell, c.execute("again " + i)).content().get("status").getAsString());
            }
            assertTrue(k.kernel.shellWakeable(), "an interrupted caller must not break the shell thread's wake-up");
        }
    }

    @Test
    void theShellThreadRecoversWhenAnInterruptClosedItsWakeUpPipe() throws Exception {
        try (KernelFixture k = new KernelFixture()) {
            TestClient c = k.client;
            // What an interrupt landing in the middle of a pipe write does: the pipe is closed for good.
            k.kernel.shellWakePipe().sink().close();
            for (int i = 0; i < 3; i++) {
                assertEquals("ok", c.reply(c.shell, c.execute("after " + i)).content().get("status").getAsString());
            }
            assertTrue(k.kernel.shellWakeable(), "a new pipe replaced the closed one");
        }
    }

    @Test
    void anUnsupportedSignatureSchemeFailsTheStartAndLeavesNothingRunning() {
        // The scheme is looked up while the sockets bind: the start still fails with the scheme's name.
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, KernelFixture.KEY, "hmac-nosuchhash");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Kernel.start(info, new FakeEngine(), History.inMemory(10), null));
        assertTrue(e.getMessage().contains("hmac-nosuchhash"), e.getMessage());
        KernelFixture.assertNoKernelThreadsLeft();
    }

    @Test
    void whatIsPublishedBeforeTheFirstSubscriptionWaitsForIt() throws Exception {
        // A client's iopub socket often subscribes after its first request has arrived (each socket retries its
        // connection on its own timer), and ZMQ drops what is published to no subscriber.
        KernelFixture k = KernelFixture.withIopubNotSubscribed();
        TestClient c = k.client;
        Message req = c.request("kernel_info_request", new JsonObject());
        assertEquals("kernel_info_reply", c.reply(c.shell, req).msgType());
        c.subscribeIopub();
        assertEquals(List.of("status:busy", "status:idle"), TestClient.types(c.iopubUntilIdle(req)));
        k.close();
    }

    @Test
    void theEngineIsPreparedAfterTheFirstReplyButNotForAShutdown() throws Exception {
        KernelFixture k = new KernelFixture();   // its client asked kernel_info until iopub delivered
        assertTrue(k.engine.prepared.await(20, TimeUnit.SECONDS), "prepared after kernel_info");
        k.close();
        KernelFixture quitting = KernelFixture.withIopubNotSubscribed();
        TestClient c = quitting.client;
        c.reply(c.control, c.send(c.control, "shutdown_request", json("restart", false)));
        assertTrue(quitting.exited.await(10, TimeUnit.SECONDS));
        assertEquals(1, quitting.engine.prepared.getCount(), "a kernel asked only to shut down starts no engine");
        quitting.close();
    }

    @Test
    void shutdownOnControlRepliesAtOnceAndEverythingStops() throws Exception {
        KernelFixture k = new KernelFixture();
        TestClient c = k.client;
        long t0 = System.nanoTime();
        Message req = c.send(c.control, "shutdown_request", json("restart", true));
        Message reply = c.reply(c.control, req);
        long replyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals("shutdown_reply", reply.msgType());
        assertEquals("ok", reply.content().get("status").getAsString());
        assertTrue(reply.content().get("restart").getAsBoolean());
        assertTrue(replyMs < 2000, "shutdown_reply took " + replyMs + " ms");
        assertTrue(k.exited.await(10, TimeUnit.SECONDS), "exit action ran");
        assertTrue(k.engine.closed.await(0, TimeUnit.SECONDS), "engine closed before exit");
        assertTrue(k.kernel.allThreadsEnded());
        List<Message> out = c.iopubUntilIdle(req);
        assertEquals(List.of("status:busy", "shutdown_reply", "status:idle"), TestClient.types(out));
        k.close();
    }

    @Test
    void shutdownOnShellWorksToo() throws Exception {
        KernelFixture k = new KernelFixture();
        TestClient c = k.client;
        Message req = c.request("shutdown_request", json("restart", false));
        Message reply = c.reply(c.shell, req);
        assertEquals(false, reply.content().get("restart").getAsBoolean());
        assertTrue(k.exited.await(10, TimeUnit.SECONDS));
        assertTrue(k.kernel.allThreadsEnded());
        k.close();
    }

    @Test
    void shutdownWhileACellRunsClosesTheEngineAndExits() throws Exception {
        KernelFixture k = new KernelFixture();
        TestClient c = k.client;
        CountDownLatch running = new CountDownLatch(1);
        k.engine.cell = (code, out, silent) -> {
            running.countDown();
            new CountDownLatch(1).await();   // ended by the engine's close(), which interrupts it
            return ExecuteOutcome.ok(null);
        };
        c.execute("forever");
        assertTrue(running.await(20, TimeUnit.SECONDS));
        c.reply(c.control, c.send(c.control, "shutdown_request", json("restart", false)));
        assertTrue(k.exited.await(10, TimeUnit.SECONDS));
        assertTrue(k.engine.closed.await(0, TimeUnit.SECONDS));
        k.close();
    }
}
