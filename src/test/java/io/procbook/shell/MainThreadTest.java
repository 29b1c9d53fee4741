package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Every cell's code runs on one long-lived main thread, as IPython runs every cell on its main thread. */
class MainThreadTest extends SharedEngine {

    private static String value(String code) {
        ExecuteOutcome o = engine.execute(code, new RecordingOutput(), false);
        assertEquals("ok", o.status(), () -> o.ename() + ": " + o.evalue() + "\n" + String.join("\n", o.traceback()));
        return String.valueOf(o.result().get("text/plain"));
    }

    private static void ok(String code) {
        ExecuteOutcome o = engine.execute(code, new RecordingOutput(), false);
        assertEquals("ok", o.status(), () -> o.ename() + ": " + o.evalue() + "\n" + String.join("\n", o.traceback()));
    }

    @Test
    void aLockTakenInOneStatementIsReleasedInTheNext() {
        assertEquals("true", value("""
                var lock = new java.util.concurrent.locks.ReentrantLock();
                lock.lock();
                boolean held = lock.isHeldByCurrentThread();
                lock.unlock();
                held && !lock.isLocked()
                """));
    }

    @Test
    void aLockTakenInOneCellIsReleasedInTheNext() {
        ok("var crossCell = new java.util.concurrent.locks.ReentrantLock();\ncrossCell.lock();");
        assertEquals("true", value("crossCell.isHeldByCurrentThread()"));
        assertEquals("false", value("crossCell.unlock();\ncrossCell.isLocked()"));
    }

    @Test
    void aThreadLocalSetInOneCellIsReadInTheNext() {
        ok("ThreadLocal<String> local = new ThreadLocal<>();\nlocal.set(\"kept\");");
        assertEquals("\"kept\"", value("local.get()"));
    }

    @Test
    void theCurrentThreadIsTheSameAcrossStatementsAndCells() {
        assertEquals("true", value("""
                Thread first = Thread.currentThread();
                Thread second = Thread.currentThread();
                first == second
                """));
        assertEquals("true", value("Thread.currentThread() == first"));
        assertEquals("\"main\"", value("first.getName()"));
    }

    @Test
    void afterAnInterruptedRunawayLoopTheNextCellRunsOnTheSameThread() throws Exception {
        ok("Thread beforeLoop = Thread.currentThread();\nThreadLocal<String> survives = ThreadLocal.withInitial(() -> \"kept\");");
        ExecuteOutcome o = InterruptTest.interruptOnceStarted(
                "System.out.println(\"started\");\nlong spins = 0;\nwhile (true) { spins++; }", new RecordingOutput());
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        assertEquals("true", value("Thread.currentThread() == beforeLoop && !Thread.currentThread().isInterrupted()"));
        assertEquals("\"kept\"", value("survives.get()"));
        assertEquals("42", value("int fortyTwo = 6 * 7;\nfortyTwo"));
    }

    @Test
    void aRunawayToStringOfTheResultIsStoppedOnTheMainThread() throws Exception {
        ok("class Endless { @Override public String toString() { System.out.println(\"started\"); while (true) { } } }\n"
                + "Thread beforeRender = Thread.currentThread();");
        ExecuteOutcome o = InterruptTest.interruptOnceStarted("new Endless()", new RecordingOutput());
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        assertEquals("true", value("Thread.currentThread() == beforeRender"));
    }

    @Test
    void codeThatIgnoresTheStopIsLeftOnItsThreadAndTheNextCellGetsANewOne() throws Exception {
        ok("Thread stubbornThread = Thread.currentThread();\nThreadLocal<String> lost = new ThreadLocal<>();\nlost.set(\"old\");");
        try {
            ExecuteOutcome o = InterruptTest.interruptWhenStarted(
                    // one statement: the interrupt comes once "started" is printed, and must find the wait
                    "{ System.out.println(\"started\"); io.procbook.shell.TestGate.awaitIgnoringStops(); }",
                    new RecordingOutput(), () -> { });
            assertEquals(JShellEngine.INTERRUPTED, o.ename());
            assertTrue(String.join("\n", o.traceback()).contains("left running"), o::toString);
            assertEquals("true", value("Thread.currentThread() != stubbornThread && lost.get() == null"));
            assertEquals("\"main\"", value("Thread.currentThread().getName()"));
            assertEquals("\"main (abandoned)\"", value("stubbornThread.getName()"));
            TestGate.open();
            // Released, the old thread finishes the abandoned code and ends: it takes no more work.
            assertEquals("false", value("stubbornThread.join(20000);\nstubbornThread.isAlive()"));
        } finally {
            TestGate.open();
            TestGate.close();
        }
    }
}
