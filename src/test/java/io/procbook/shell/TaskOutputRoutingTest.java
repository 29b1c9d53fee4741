package io.procbook.shell;

import io.procbook.mp.ChildLeakCheck;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task's output goes to the cell that submitted it, a callback's to the cell that registered it, and a
 * task's lines come before anything done with its result: pools made in one cell and used in later ones.
 */
class TaskOutputRoutingTest {

    static JShellEngine engine;
    static ChildLeakCheck leaks;

    @BeforeAll
    static void start() {
        leaks = new ChildLeakCheck();
        engine = new JShellEngine();
    }

    @AfterAll
    static void stop() {
        engine.close();
        leaks.assertClean();
    }

    static void ok(String cell, RecordingOutput out) {
        ExecuteOutcome o = engine.execute(cell, out, false);
        assertEquals("ok", o.status(), () -> o.ename() + ": " + o.evalue() + "\n" + String.join("\n", o.traceback()));
    }

    /** Runs a cell with partial lines held for ten minutes, so that only what the code does lets one go. */
    static void holding(String cell, RecordingOutput out) {
        System.setProperty(WholeLines.HOLD_PROPERTY, "600000");
        try {
            ok(cell, out);
        } finally {
            System.clearProperty(WholeLines.HOLD_PROPERTY);
        }
    }

    @Test
    void aPoolMadeInOneCellPrintsIntoTheCellsThatUseIt() {
        RecordingOutput made = new RecordingOutput();
        RecordingOutput used = new RecordingOutput();
        RecordingOutput usedAgain = new RecordingOutput();
        ok("var pool = new Pool(2, () -> System.out.println(\"worker up\"), 0);", made);
        ok("List<Integer> r = pool.map(x -> { System.out.println(\"square of \" + x); return x * x; },"
                + " List.of(1, 2, 3), 1);\nSystem.out.println(\"after map \" + r);", used);
        ok("pool.imap(x -> { System.err.println(\"imap \" + x); return x; }, List.of(7), 1).forEachRemaining(x -> { });",
                usedAgain);
        ok("pool.close(); pool.join();", new RecordingOutput());

        assertEquals("worker up\nworker up\n", made.stdout(), "the initializer belongs to the pool's cell");
        assertEquals("", made.stderr());
        List<String> lines = List.of(used.stdout().split("\n"));
        assertEquals(4, lines.size(), used.stdout());
        assertTrue(lines.subList(0, 3).containsAll(List.of("square of 1", "square of 2", "square of 3")), used.stdout());
        assertEquals("after map [1, 4, 9]", lines.get(3), "the tasks' lines come before map returns");
        assertEquals("imap 7\n", usedAgain.stderr());
        assertEquals("", usedAgain.stdout());
    }

    @Test
    void aCallbackPrintsAfterItsTaskAndIntoTheCellThatRegisteredIt() {
        RecordingOutput made = new RecordingOutput();
        RecordingOutput used = new RecordingOutput();
        ok("var cbPool = new Pool(2);", made);
        ok("""
                var results = new ArrayList<AsyncResult<Integer>>();
                for (int i = 0; i < 40; i++) {
                    int n = i;
                    results.add(cbPool.applyAsync(() -> { System.out.println("task " + n); return n; },
                            v -> System.out.println("callback " + v), null));
                }
                for (var r : results) r.get();
                cbPool.close(); cbPool.join();
                """, used);
        assertEquals("", made.stdout());
        List<String> lines = used.stdout().lines().toList();
        assertEquals(80, lines.size(), used.stdout());
        for (int i = 0; i < 40; i++) {
            assertTrue(lines.indexOf("task " + i) < lines.indexOf("callback " + i),
                    "task " + i + " printed before its callback ran:\n" + used.stdout());
        }
    }

    @Test
    void aTasksPartialLineGoesOutBeforeItsResultIsUsed() {
        RecordingOutput out = new RecordingOutput();
        holding("""
                try (var one = new Pool(1)) {
                    one.applyAsync(() -> { System.out.print("partial"); return 1; },
                            v -> System.out.print("|callback"), null).get();
                    System.out.print("|get returned");
                    one.close(); one.join();
                }
                """, out);
        assertEquals("partial|callback|get returned", out.stdout());
    }

    @Test
    void aTasksStackTraceReadsInTheTermsOfTheCellThatSubmittedIt() {
        RecordingOutput made = new RecordingOutput();
        RecordingOutput used = new RecordingOutput();
        ok("var tracePool = new Pool(1);", made);
        ok("""
                int where(int x) {
                    new Throwable("where am I").printStackTrace();
                    return x;
                }
                tracePool.map(x -> where(x), List.of(1), 1);
                tracePool.close(); tracePool.join();
                """, used);
        assertEquals("", made.stderr());
        assertTrue(used.stderr().contains("where am I"), used.stderr());
        assertTrue(used.stderr().contains("at where (line 2)"), used.stderr());
        assertFalse(used.stderr().contains("$JShell$"), used.stderr());
    }

    @Test
    void aThreadPoolMadeInOneCellRunsTasksInTheCellThatSubmits() {
        RecordingOutput made = new RecordingOutput();
        RecordingOutput used = new RecordingOutput();
        ok("var threads = new ThreadPool(2);", made);
        ok("threads.map(x -> { System.out.println(\"thread task \" + x); return x; }, List.of(1, 2), 1);"
                + "\nthreads.close(); threads.join();", used);
        assertEquals("", made.stdout());
        assertEquals(2, used.stdout().lines().filter(l -> l.startsWith("thread task ")).count(), used.stdout());
    }

    @Test
    void workSubmittedFromACellsThreadPrintsIntoThatCellWhileAnotherRuns() {
        RecordingOutput made = new RecordingOutput();
        RecordingOutput background = new RecordingOutput();
        RecordingOutput running = new RecordingOutput();
        ok("var shared = new ProcessPoolExecutor(1);", made);
        ok("""
                var go = new CountDownLatch(1);
                var submitted = new CountDownLatch(1);
                new Thread(() -> {
                    try { go.await(); } catch (InterruptedException e) { return; }
                    try {
                        shared.submit(() -> { System.out.println("from the background thread's task"); return 1; }).get();
                    } catch (Exception e) { throw new RuntimeException(e); }
                    submitted.countDown();
                }).start();
                """, background);
        ok("go.countDown();\nsubmitted.await();\nSystem.out.println(\"running cell\");", running);
        ok("shared.close();", new RecordingOutput());
        assertEquals("from the background thread's task\n", background.stdout());
        assertEquals("running cell\n", running.stdout());
        assertFalse(made.stdout().contains("task"), made.stdout());
    }

    @Test
    void aServedCallPrintsIntoTheCellThatMadeIt() {
        RecordingOutput started = new RecordingOutput();
        RecordingOutput calling = new RecordingOutput();
        RecordingOutput callingLocal = new RecordingOutput();
        ok("""
                interface Greeter { String greet(String who); }
                class LoudGreeter implements Greeter, java.io.Serializable {
                    public String greet(String who) { System.out.println("serving " + who); return "hi " + who; }
                }
                var served = new BaseManager(new java.net.InetSocketAddress("127.0.0.1", 0),
                        "sixteen bytes or more".getBytes());
                served.register("greeter", () -> new LoudGreeter());
                served.start();
                """, started);
        ok("""
                Greeter g = served.get("greeter", Greeter.class);
                System.out.println(g.greet("cell two"));
                """, calling);
        ok("""
                var here = new BaseManager(new java.net.InetSocketAddress("127.0.0.1", 0),
                        "sixteen bytes or more".getBytes());
                here.register("greeter", () -> new LoudGreeter());
                var serving = new Thread(here::serve);
                serving.start();
                """, new RecordingOutput());
        ok("""
                var client = new BaseManager(here.address(), "sixteen bytes or more".getBytes())
                        .register("greeter").connect();
                System.out.println(client.get("greeter", Greeter.class).greet("a local server"));
                """, callingLocal);
        ok("served.shutdown(); here.shutdown(); serving.join();", new RecordingOutput());
        assertEquals("", started.stdout());
        assertEquals("serving cell two\nhi cell two\n", calling.stdout());
        assertEquals("serving a local server\nhi a local server\n", callingLocal.stdout());
    }

    @Test
    void aProcessKeepsPrintingIntoTheCellThatStartedIt() {
        RecordingOutput started = new RecordingOutput();
        RecordingOutput later = new RecordingOutput();
        ok("""
                var release = new io.procbook.mp.Event();
                var p = new io.procbook.mp.Process(() -> { release.await(); System.out.println("late child line"); });
                p.start();
                """, started);
        ok("release.set(); p.join(); release.close();\nSystem.out.println(\"joined\");", later);
        assertEquals("late child line\n", started.stdout());
        assertEquals("joined\n", later.stdout());
    }
}
