package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import io.procbook.testing.Poll;
import java.time.Duration;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class InterruptTest extends SharedEngine {

    @AfterEach
    void cleanUp() {
        InterruptPolicy.setTerminateChildren(true);
        FakeChild.killAll();
    }

    /** Runs the cell on its own thread, waits until it printed "started", interrupts it, returns the outcome. */
    static ExecuteOutcome interruptOnceStarted(String cell, RecordingOutput out) throws Exception {
        return interruptOnceStarted(cell, out, () -> { });
    }

    /** The same, doing {@code whileRunning} before the interrupt, while the cell is still running. */
    static ExecuteOutcome interruptOnceStarted(String cell, RecordingOutput out, Runnable whileRunning) throws Exception {
        ExecuteOutcome o = interruptWhenStarted(cell, out, whileRunning);
        assertEquals(1, o.traceback().size(), () -> "not abandoned: " + o.traceback());
        // Stopped for real, not left behind on its thread.
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().endsWith("(abandoned)")));
        return o;
    }

    /** The same, with no checks of how it ended. */
    static ExecuteOutcome interruptWhenStarted(String cell, RecordingOutput out, Runnable whileRunning) throws Exception {
        CompletableFuture<ExecuteOutcome> outcome = new CompletableFuture<>();
        Thread runner = new Thread(() -> outcome.complete(engine.execute(cell, out, false)), "test-execute");
        runner.start();
        Poll.until("the cell to start", () -> out.stdout().contains("started"), Duration.ofSeconds(20));
        whileRunning.run();
        assertFalse(outcome.isDone(), "the cell still runs");
        engine.interrupt();
        ExecuteOutcome o = outcome.get(20, TimeUnit.SECONDS);
        runner.join();
        return o;
    }

    static void assertUsable() {
        ExecuteOutcome next = engine.execute("int after = 40;\nafter + 2", new RecordingOutput(), false);
        assertEquals("ok", next.status());
        assertEquals("42", next.result().get("text/plain"));
    }

    @Test
    void busyLoopIsStopped() throws Exception {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = interruptOnceStarted("System.out.println(\"started\");\nlong n = 0;\nwhile (true) { n++; }\nSystem.out.println(\"never\");", out);
        assertEquals("error", o.status());
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        assertFalse(out.stdout().contains("never"));
        assertUsable();
    }

    @Test
    void busyLoopInAMethodFromAnEarlierCellIsStopped() throws Exception {
        assertEquals("ok", engine.execute("long spin() { long n = 0; while (true) { n++; } }", new RecordingOutput(), false).status());
        ExecuteOutcome o = interruptOnceStarted("System.out.println(\"started\");\nspin();", new RecordingOutput());
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        assertUsable();
    }

    @Test
    void sleepIsStopped() throws Exception {
        ExecuteOutcome o = interruptOnceStarted("System.out.println(\"started\");\nThread.sleep(100000);", new RecordingOutput());
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        assertUsable();
    }

    @Test
    void completionInspectionAndIsCompleteWorkWhileACellRuns() throws Exception {
        ExecuteOutcome o = interruptOnceStarted("System.out.println(\"started\");\nThread.sleep(100000);", new RecordingOutput(), () -> {
            assertTrue(engine.complete("System.out.printl", 17).matches().contains("println("));
            assertTrue(engine.inspect("String", 6, 0).found());
            assertEquals("incomplete", engine.isComplete("void f() {").status());
        });
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
    }

    @Test
    void theCellsOwnThreadsAreInterruptedAndOtherCellsThreadsAreNot() throws Exception {
        assertEquals("ok", engine.execute("""
                var earlierCellsThreadInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
                var earlier = new Thread(() -> {
                    try { io.procbook.shell.TestGate.awaitOpen(); } catch (InterruptedException e) { earlierCellsThreadInterrupted.set(true); }
                });
                earlier.start();
                """, new RecordingOutput(), false).status());
        ExecuteOutcome o = interruptOnceStarted("""
                var ownInterrupted = new CountDownLatch(1);
                var own = new Thread(() -> {
                    try { Thread.sleep(100000); } catch (InterruptedException e) { ownInterrupted.countDown(); }
                });
                own.start();
                System.out.println("started");
                Thread.sleep(100000);
                """, new RecordingOutput());
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        ExecuteOutcome seen = engine.execute("""
                boolean ownWasInterrupted = ownInterrupted.await(20, TimeUnit.SECONDS);
                boolean earlierStillWaits = earlier.isAlive();
                """, new RecordingOutput(), false);
        assertEquals("ok", seen.status(), seen::toString);
        TestGate.open();
        try {
            ExecuteOutcome o2 = engine.execute("earlier.join();\nownWasInterrupted + \" \" + earlierStillWaits + \" \" + earlierCellsThreadInterrupted.get()",
                    new RecordingOutput(), false);
            assertEquals("\"true true false\"", o2.result().get("text/plain"), o2::toString);
        } finally {
            TestGate.close();
        }
    }

    @Test
    void anotherCellsThreadInCellCodeIsNotStopped() throws Exception {
        // On JDK 21+ the stop comes through checks JShell weaves into cell code; they read one global flag, so a
        // thread of another cell that was in cell code while a stop was pending was stopped too.
        assertEquals("ok", engine.execute("""
                var spins = new java.util.concurrent.atomic.AtomicLong();
                var howSpinningEnded = new CompletableFuture<String>();
                void spinUntilOpen() { while (!io.procbook.shell.TestGate.isOpen()) spins.incrementAndGet(); }
                var spinner = new Thread(() -> {
                    try { spinUntilOpen(); howSpinningEnded.complete("returned"); }
                    catch (Throwable t) { howSpinningEnded.complete(t.toString()); }
                });
                spinner.start();
                """, new RecordingOutput(), false).status());
        try {
            // A runaway loop is stopped at once...
            ExecuteOutcome loop = interruptOnceStarted("System.out.println(\"started\");\nwhile (true) { }", new RecordingOutput());
            assertEquals(JShellEngine.INTERRUPTED, loop.ename());
            assertSpinnerCounts();
            // ...code that ignores the stop keeps it pending for the whole grace period, and is left behind.
            ExecuteOutcome stubborn = interruptWhenStarted(
                    "{ System.out.println(\"started\"); io.procbook.shell.TestGate.awaitIgnoringStops(); }",
                    new RecordingOutput(), () -> { });
            assertEquals(JShellEngine.INTERRUPTED, stubborn.ename());
            assertTrue(String.join("\n", stubborn.traceback()).contains("left running"), stubborn::toString);
            assertSpinnerCounts();
            TestGate.open();
            ExecuteOutcome ended = engine.execute("howSpinningEnded.get(20, TimeUnit.SECONDS)", new RecordingOutput(), false);
            assertEquals("\"returned\"", ended.result().get("text/plain"), ended::toString);
        } finally {
            TestGate.open();
            TestGate.close();
        }
    }

    private static void assertSpinnerCounts() {
        ExecuteOutcome counting = engine.execute("""
                long before = spins.get();
                while (spins.get() == before && spinner.isAlive()) Thread.onSpinWait();
                spinner.isAlive()
                """, new RecordingOutput(), false);
        assertEquals("true", counting.result().get("text/plain"), counting::toString);
    }

    @Test
    void interruptWithNothingRunningChangesNothing() {
        engine.interrupt();
        assertUsable();
    }

    /** Interrupts a cell that started a child and then sleeps; returns the child. */
    static FakeChild interruptCellWithChild(RecordingOutput out) throws Exception {
        ExecuteOutcome o = interruptOnceStarted("""
                var child = io.procbook.shell.FakeChild.start();
                System.out.println("started");
                Thread.sleep(100000);
                """, out);
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        String expected = InterruptPolicy.terminateChildren()
                ? "the cell was interrupted; 1 child process it started terminated" : "the cell was interrupted";
        assertEquals(expected, o.evalue());
        return FakeChild.STARTED.get(0);
    }

    @Test
    void childrenOfTheInterruptedCellAreTerminated() throws Exception {
        RecordingOutput out = new RecordingOutput();
        FakeChild child = interruptCellWithChild(out);
        child.onExit().get(20, TimeUnit.SECONDS);
        assertFalse(child.isAlive());
        // The child's output went to the cell that started it.
        assertTrue(out.stdout().contains("child " + child.pid() + " says hi\n"), out.stdout());
        assertEquals("child complains\n", out.stderr());
        assertUsable();
    }

    @Test
    void childrenSurviveWhenThePolicyIsOff() throws Exception {
        InterruptPolicy.setTerminateChildren(false);
        FakeChild child = interruptCellWithChild(new RecordingOutput());
        // It was not terminated: it is still running well after the kill grace period would have ended.
        assertThrows(java.util.concurrent.TimeoutException.class,
                () -> child.onExit().get(ChildTracker.KILL_AFTER_MILLIS + 1000, TimeUnit.MILLISECONDS));
        assertTrue(child.isAlive());
    }
}
