package io.procbook.shell;

import io.procbook.testing.Poll;
import java.time.Duration;

import io.procbook.mp.ChildLeakCheck;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session of more than a thousand snippets works as a short one: a cell compiles with only the earlier names it
 * reaches, and redefinitions with their dependants, forward references, records and generics, completion and
 * inspection, interrupts, children and pools running code from the first cells, and {@code %reset} all behave as
 * they do in a fresh kernel. (Building the session takes some 10-20 s on the 2-core machine.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LongSessionTest {

    /** Filler cells, three snippets each, between the first cells and the tests. */
    private static final int FILLER_CELLS = 340;
    private static final Pattern REPL_IMPORT = Pattern.compile("import static REPL\\.");

    static JShellEngine engine;
    static ChildLeakCheck leaks;

    @BeforeAll
    static void longSession() {
        leaks = new ChildLeakCheck();
        engine = new JShellEngine();
        ok("int scale(int x) { return x * 2; }\nint early(int x) { return x + 100; }\nint offset = 5;");
        ok("record Box<T>(T value) {\n"
                + "    <R> Box<R> map(java.util.function.Function<T, R> f) { return new Box<>(f.apply(value)); }\n}");
        ok("Box<String> makeBox() { return new Box<>(\"early\"); }");
        ok("int callsLater() { return definedLater() + 1; }");
        for (int i = 0; i < FILLER_CELLS; i++) {
            ok("int v" + i + " = " + i + ";\nint f" + i + "(int x) { return x + " + i + "; }\nrecord R" + i
                    + "(int a, String b) { }");
        }
    }

    @AfterAll
    static void close() {
        engine.close();
        leaks.assertClean();
    }

    static String ok(String cell) {
        return ok(cell, new RecordingOutput());
    }

    static String ok(String cell, RecordingOutput out) {
        ExecuteOutcome o = engine.execute(cell, out, false);
        assertEquals("ok", o.status(),
                () -> cell + "\n" + o.ename() + ": " + o.evalue() + "\n" + String.join("\n", o.traceback()));
        return o.result() == null ? null : (String) o.result().get("text/plain");
    }

    @Test
    @Order(1)
    void theSessionIsLong() throws Exception {
        assertTrue(engine.jshell().snippets().count() >= 1000, "snippets: " + engine.jshell().snippets().count());
    }

    @Test
    @Order(2)
    void aCellCompilesWithOnlyTheEarlierNamesItReaches() throws Exception {
        ok("int usesTwo = scale(offset);");
        ok("System.out.print(\"\");");
        JShell js = engine.jshell();
        assertEquals(2, replImports(js, "int usesTwo = scale(offset);"), "scale and offset, nothing else");
        assertEquals(0, replImports(js, "System.out.print(\"\");"));
        assertEquals("10", ok("usesTwo"));
    }

    /** How many session declarations the wrapper a snippet was compiled in imports. */
    private static int replImports(JShell js, String source) {
        Snippet s = js.snippets().filter(x -> x.source().equals(source)).reduce((a, b) -> b).orElseThrow();
        Matcher m = REPL_IMPORT.matcher(js.sourceCodeAnalysis().wrapper(s).wrapped());
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    @Order(3)
    void aRedefinitionReachesItsDependants() {
        ok("int useScale() { return scale(21) + v3; }");
        assertEquals("45", ok("useScale()"));
        ok("int scale(int x) { return x * 3; }");
        assertEquals("66", ok("useScale()"));
        ok("int v3 = 30;");
        assertEquals("93", ok("useScale()"));
    }

    @Test
    @Order(4)
    void aForwardReferenceResolvesWhenItsNameArrives() {
        ExecuteOutcome before = engine.execute("callsLater()", new RecordingOutput(), false);
        assertEquals("error", before.status());
        assertTrue(before.evalue().contains("definedLater"), before.evalue());
        ok("int definedLater() { return 6; }");
        assertEquals("7", ok("callsLater()"));
    }

    @Test
    @Order(5)
    void recordsAndGenericsFromTheFirstCells() {
        assertEquals("5", ok("makeBox().map(s -> s.length()).value()"));
        ok("var box = makeBox();");
        assertEquals("\"early\"", ok("box.value()"));
        assertEquals("R7[a=1, b=x]", ok("new R7(1, \"x\")"));
        assertEquals("334", ok("f333(1)"));
        assertEquals("[Box[value=1], Box[value=2]]", ok("java.util.List.of(1, 2).stream().map(Box::new).toList()"));
    }

    @Test
    @Order(6)
    void completionAndInspectionSeeEveryDefinition() {
        assertCompletes("makeB", "makeBox()");
        assertCompletes("f12", "f123(");
        assertCompletes("R33", "R339");
        assertCompletes("v33", "v339");
        assertTrue(engine.inspect("makeBox", 7, 0).found());
        assertTrue(engine.inspect("early", 5, 0).found());
        assertTrue(engine.inspect("R200", 4, 0).found());
    }

    private static void assertCompletes(String prefix, String match) {
        List<String> matches = engine.complete(prefix, prefix.length()).matches();
        assertTrue(matches.contains(match), () -> prefix + ": " + matches);
    }

    @Test
    @Order(7)
    void anInterruptStopsACell() throws Exception {
        RecordingOutput out = new RecordingOutput();
        CompletableFuture<ExecuteOutcome> outcome = new CompletableFuture<>();
        String cell = "System.out.println(\"started\");\nlong n = 0;\nwhile (true) { n += early(1); }";
        Thread runner = new Thread(() -> outcome.complete(engine.execute(cell, out, false)), "test-execute");
        runner.start();
        Poll.until("the cell to start", () -> out.stdout().contains("started"), Duration.ofSeconds(20));
        assertFalse(outcome.isDone(), "the cell still runs");
        engine.interrupt();
        ExecuteOutcome o = outcome.get(20, TimeUnit.SECONDS);
        runner.join();
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        assertEquals("2", ok("1+1"));
    }

    @Test
    @Order(8)
    void childrenAndPoolsRunCodeFromTheFirstCells() {
        RecordingOutput out = new RecordingOutput();
        ok("""
                var p = new Process(() -> System.out.println("child " + early(1) + " " + f300(1) + " " + makeBox().value()));
                p.start();
                p.join();
                System.out.println("exit " + p.exitCode());""", out);
        Poll.until("the child's line", () -> out.stdout().contains("exit"), Duration.ofSeconds(20));
        assertEquals("child 101 301 early\nexit 0\n", out.stdout());
        assertEquals("[101, 102, 103]", ok("List<Integer> mapped;\ntry (var pool = new Pool(2)) {\n"
                + "    mapped = pool.map(x -> early(x), List.of(1, 2, 3));\n}\nmapped"));
    }

    @Test
    @Order(9)
    void resetDropsVariablesAndKeepsMethodsAndTypes() {
        RecordingOutput out = new RecordingOutput();
        ok("%reset", out);
        ExecuteOutcome gone = engine.execute("v5 + 1", new RecordingOutput(), false);
        assertEquals(JShellEngine.COMPILE_ERROR, gone.ename());
        assertEquals("6", ok("f5(1)"));
        assertEquals("R9[a=2, b=y]", ok("new R9(2, \"y\")"));
        ok("int v5 = 50;");
        assertEquals("51", ok("v5 + 1"));
    }
}
