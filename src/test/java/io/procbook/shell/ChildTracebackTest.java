package io.procbook.shell;

import io.procbook.mp.ChildLeakCheck;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The stack traces of child processes read in cell terms, as the cell's own tracebacks do. */
class ChildTracebackTest extends SharedEngine {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @BeforeAll
    static void declareHelpers() {
        ok("""
                int depth(int x) {
                    int y = 1;
                    return 10 / x;
                }""", new RecordingOutput());
        ok("class Bad extends RuntimeException {\n    Object notSerializable = new Object();\n"
                + "    Bad(String m, Throwable c) { super(m, c); }\n}", new RecordingOutput());
    }

    @AfterEach
    void noChildLeft() {
        leaks.assertClean();
    }

    private static ExecuteOutcome ok(String cell, RecordingOutput out) {
        ExecuteOutcome o = engine.execute(cell, out, false);
        assertEquals("ok", o.status(), () -> o.ename() + ": " + o.evalue() + "\n" + String.join("\n", o.traceback()));
        return o;
    }

    private static void assertNoNoise(String trace) {
        assertFalse(trace.contains("$JShell$"), trace);
        assertFalse(trace.contains("io.procbook"), trace);
        assertFalse(trace.contains("procbook-notebook"), trace);
        assertFalse(trace.contains("reflect"), trace);
        assertFalse(trace.contains("\t"), trace);
    }

    @Test
    void aProcessWhoseTargetThrowsShowsCellLines() {
        RecordingOutput out = new RecordingOutput();
        ok("var p = new Process(() -> {\n    depth(0);\n});\np.start();\np.join();", out);
        String err = out.stderr();
        assertTrue(err.matches("(?s)Process Process-\\d+:\n.*"), err);
        assertTrue(err.contains("""
                java.lang.ArithmeticException: / by zero
                    at depth (earlier cell, line 3: return 10 / x;)
                    at lambda (line 2)
                """), err);
        assertNoNoise(err);
    }

    @Test
    void printStackTraceInAChildReadsTheSameWithCauses() {
        RecordingOutput out = new RecordingOutput();
        ok("""
                var p = new Process(() -> {
                    try {
                        depth(0);
                    } catch (ArithmeticException e) {
                        new RuntimeException("outer", new Bad("inner", e)).printStackTrace();
                    }
                });
                p.start();
                p.join();""", out);
        String err = out.stderr();
        assertEquals("""
                java.lang.RuntimeException: outer
                    at lambda (line 5)
                Caused by: Bad: inner
                    ... 1 more
                Caused by: java.lang.ArithmeticException: / by zero
                    at depth (earlier cell, line 3: return 10 / x;)
                    at lambda (line 3)
                """, err, "the frames shared with the cause before it are all the runtime's: no \"... n more\"");
    }

    @Test
    void anUncaughtExceptionOfAChildsThreadShowsCellLines() {
        RecordingOutput out = new RecordingOutput();
        ok("var p = new Process(() -> new Thread(() -> depth(0), \"worker\").start());\np.start();\np.join();", out);
        String err = out.stderr();
        assertTrue(err.startsWith("""
                Exception in thread "worker" java.lang.ArithmeticException: / by zero
                    at depth (earlier cell, line 3: return 10 / x;)
                    at lambda (line 1)
                """), err);
    }

    @Test
    void aPoolTasksExceptionThatCouldNotTravelIsNamedAsTheChildsInTheCell() {
        ExecuteOutcome o = engine.execute("""
                try (var pool = new Pool(1)) {
                    pool.apply(() -> {
                        try {
                            return depth(0);
                        } catch (ArithmeticException e) {
                            throw new Bad("wrapped", e);
                        }
                    });
                }""", new RecordingOutput(), false);
        assertEquals("TaskFailedException", o.ename());
        assertEquals("pool task failed: Bad: wrapped", o.evalue());
        String tb = String.join("\n", o.traceback());
        assertTrue(tb.contains("""
                Caused by: Bad: wrapped
                    at lambda (line 6)
                Caused by: java.lang.ArithmeticException: / by zero
                    at depth (earlier cell, line 3: return 10 / x;)
                    at lambda (line 4)
                """.strip()), tb);
        assertFalse(tb.contains("RemoteTaskException"), tb);
        assertFalse(tb.contains("$JShell$"), tb);
    }

    @Test
    void aProcessSubclassDeclaredInACellNamesItsRunMethod() {
        ok("""
                class Worker extends Process {
                    @Override
                    public void run() {
                        depth(0);
                    }
                }""", new RecordingOutput());
        RecordingOutput out = new RecordingOutput();
        ok("var w = new Worker();\nw.start();\nw.join();", out);
        String err = out.stderr();
        assertTrue(err.contains("""
                    at depth (earlier cell, line 3: return 10 / x;)
                    at Worker.run (earlier cell, line 4: depth(0);)
                """), err);
        assertNoNoise(err);
    }

    @Test
    void framesOfAMethodRedefinedLaterStillReadRight() {
        // A method that calls a redefined one is compiled again into a new class: its frames are known too.
        ok("int callsDepth(int x) {\n    return depth(x) + 1;\n}", new RecordingOutput());
        ok("int depth(int x) {\n    // redefined\n    return 100 / x;\n}", new RecordingOutput());
        RecordingOutput out = new RecordingOutput();
        ok("var p = new Process(() -> callsDepth(0));\np.start();\np.join();", out);
        String err = out.stderr();
        assertTrue(err.contains("""
                    at depth (earlier cell, line 3: return 100 / x;)
                    at callsDepth (earlier cell, line 2: return depth(x) + 1;)
                    at lambda (line 1)
                """), err);
        ok("int depth(int x) {\n    int y = 1;\n    return 10 / x;\n}", new RecordingOutput());
    }
}
