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
                    pid = r.get(10, TimeUnit.SECONDS);
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
}
