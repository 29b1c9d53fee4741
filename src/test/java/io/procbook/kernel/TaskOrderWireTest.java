package io.procbook.kernel;

import io.procbook.mp.ChildLeakCheck;
import io.procbook.shell.JShellEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order a front end sees, over the real wire protocol with the real engine: a pool task's lines come before
 * its callback's, all of them before the cell's idle, and in the cell that submitted the task (seed S8).
 */
class TaskOrderWireTest {

    static Kernel kernel;
    static TestClient client;
    static ChildLeakCheck leaks;

    @BeforeAll
    static void start() {
        leaks = new ChildLeakCheck();
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, KernelFixture.KEY, "hmac-sha256");
        List<String> problems = new CopyOnWriteArrayList<>();
        kernel = Kernel.start(info, new JShellEngine(), History.inMemory(100), new ProblemLog(problems::add), () -> { });
        client = new TestClient(kernel.ports(), KernelFixture.KEY, true);
        client.awaitIopubConnected();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        try {
            kernel.shutdown("test finished");
            assertTrue(kernel.awaitTermination(20, TimeUnit.SECONDS), "kernel did not terminate");
        } finally {
            client.close();
        }
        leaks.assertClean();
    }

    private static String stdout(List<Message> messages) {
        StringBuilder b = new StringBuilder();
        for (Message m : messages) {
            if (m.msgType().equals("stream") && m.content().get("name").getAsString().equals("stdout")) {
                b.append(m.content().get("text").getAsString());
            }
        }
        return b.toString();
    }

    private static List<Message> run(String code) {
        Message req = client.execute(code);
        assertEquals("ok", client.reply(client.shell, req).content().get("status").getAsString(), code);
        return client.iopubUntilIdle(req);
    }

    @Test
    void eachTasksLinesComeBeforeItsCallbackAndAllBeforeIdleInTheSubmittingCell() {
        List<Message> made = run("var cbPool = new Pool(2);");
        List<Message> used = run("""
                for (int i = 0; i < 6; i++) {
                    int n = i;
                    cbPool.applyAsync(() -> { System.out.println("in process " + n); return n; },
                            v -> System.out.println("-->exec done: " + v), null);
                }
                System.out.println("end");
                cbPool.close();
                cbPool.join();
                """);
        assertEquals("", stdout(made));
        List<String> lines = stdout(used).lines().toList();
        assertEquals(13, lines.size(), "every line arrived before idle: " + lines);
        assertTrue(lines.contains("end"), lines.toString());
        for (int i = 0; i < 6; i++) {
            int task = lines.indexOf("in process " + i);
            int callback = lines.indexOf("-->exec done: " + i);
            assertTrue(task >= 0 && task < callback, "task " + i + " before its callback: " + lines);
        }
    }
}
