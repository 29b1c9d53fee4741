package io.procbook.mp.pool;

import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.NotebookSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Pools in a JShell session as the kernel runs one: cell-defined methods, lambdas and variables in workers. */
class PoolNotebookTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private NotebookSession nb;

    @BeforeEach
    void setUp() {
        nb = new NotebookSession();
        nb.eval("import io.procbook.mp.*;");
        nb.eval("import java.util.*;");
        nb.eval("import java.util.concurrent.*;");
        nb.eval("import java.time.*;");
    }

    @AfterEach
    void tearDown() {
        nb.close();
        WarmJvms.settle();
        leaks.assertClean();
    }

    /**
     * The value of an expression evaluated in the session, passed out through a system property (the cells'
     * classes live in JShell's loader, so a system property is what both sides see).
     */
    private String value(String expression) {
        System.clearProperty("pool.nb.value");
        nb.eval("System.setProperty(\"pool.nb.value\", String.valueOf(" + expression + "));");
        return System.getProperty("pool.nb.value");
    }

    @Test
    void aMethodAndALambdaFromSeparateCellsAreMappedOverAPool() {
        nb.eval("int square(int n) { return n * n; }");
        nb.eval("int offset = 5;");
        nb.eval("Fn<Integer, Integer> f = n -> square(n) + offset;");
        nb.eval("var pool = new Pool(2);");
        assertEquals("[5, 6, 9, 14]", value("pool.map(f, List.of(0, 1, 2, 3))"));
        nb.eval("offset = 100;");
        assertEquals("[5, 6, 9]", value("pool.map(f, List.of(0, 1, 2))"),
                "a worker keeps the copy of a variable it took first, as Python's forked workers keep theirs");
        assertEquals("[1, 4]", value("pool.map(n -> square(n), List.of(1, 2))"));
        assertEquals("true", value("pool.workers().stream().allMatch(w -> w.pid() != ProcessHandle.current().pid())"));
        nb.eval("pool.terminate(); pool.join();");
    }

    @Test
    void theIssuesApiSketchRunsInCells() {
        nb.eval("List<Integer> squares; long pid; List<Integer> plusOne = new ArrayList<>();");
        nb.eval("""
                try (var pool = new Pool(4)) {
                    squares = pool.map(n -> n * n, List.of(1, 2, 3, 4, 5));
                    AsyncResult<Long> r = pool.applyAsync(() -> ProcessHandle.current().pid());
                    pid = r.get(Duration.ofSeconds(10));
                    for (var it = pool.imap(n -> n + 1, List.of(1, 2, 3)); it.hasNext(); ) plusOne.add(it.next());
                }
                """);
        assertEquals("[1, 4, 9, 16, 25]", value("squares"));
        assertEquals("[2, 3, 4]", value("plusOne"));
        assertEquals("true", value("pid != ProcessHandle.current().pid()"));
        nb.eval("int answer;");
        nb.eval("try (var ex = new ProcessPoolExecutor(2)) { Future<Integer> f = ex.submit(() -> 6 * 7); answer = f.get(); }");
        assertEquals("42", value("answer"));
    }

    @Test
    void aWorkerGetsEachVariableWhenATaskFirstReadsIt() {
        // The lambda shares its wrapper class with the statement's uncopyable result $1, which it never reads.
        nb.eval("Fn<Integer, Integer> f;");
        nb.eval("Thread keep(Fn<Integer, Integer> g) { f = g; return new Thread(() -> { }); }");
        nb.eval("keep(n -> n + 1);");
        nb.eval("var pool = new Pool(1);");
        try {
            assertEquals("[2, 3]", value("pool.map(f, List.of(1, 2))"));
            // The same worker, with that class already loaded, now gets a task that does read $1.
            nb.eval("String failure = null;");
            nb.eval("try { pool.apply(() -> $1.getName()); } catch (RuntimeException e) { failure = e.toString(); }");
            String failure = value("failure");
            assertTrue(failure.contains("'$1'") && failure.contains("java.lang.Thread"), failure);
            // A variable a task only assigns is not copied, and a later read in that worker sees the assignment,
            // as a forked worker's later tasks see its own writes.
            nb.eval("int counter = 7;");
            assertEquals("0", value("pool.apply(() -> { counter = 5; return 0; })"));
            assertEquals("5", value("pool.apply(() -> counter)"));
            assertEquals("7", value("counter"));
        } finally {
            nb.eval("pool.terminate(); pool.join();");
        }
    }
}
