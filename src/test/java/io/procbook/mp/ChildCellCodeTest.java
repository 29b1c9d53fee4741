package io.procbook.mp;

import io.procbook.mp.internal.Parcel;
import io.procbook.mp.internal.ParcelWriter;
import io.procbook.mp.internal.EnvelopeCodec;
import io.procbook.mp.internal.StaticValue;
import io.procbook.mp.internal.Transit;
import io.procbook.mp.spi.Hooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** Cell-defined code and fork-like variable copies in children, through a real JShell session. */
class ChildCellCodeTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private final RecordingRouter router = new RecordingRouter();
    private NotebookSession nb;
    private Path dir;

    @BeforeEach
    void setUp() throws Exception {
        Hooks.setOutputRouter(router);
        nb = new NotebookSession();
        dir = Files.createTempDirectory("cellcode");
    }

    @AfterEach
    void tearDown() throws Exception {
        nb.close();
        Hooks.setOutputRouter(null);
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.delete(dir);
        leaks.assertClean();
    }

    @Test
    void methodAndLambdaFromSeparateCellsRunInEightChildren() throws Exception {
        nb.eval("String greet(String who) { return \"hi \" + who + \" from \" + ProcessHandle.current().pid(); }");
        nb.eval("String dir = \"" + dir + "\";");
        nb.eval("var ps = new java.util.ArrayList<Process>();");
        nb.eval("for (int i = 0; i < 8; i++) { int k = i; var p = new Process(() -> "
                + "Files.writeString(Path.of(dir, \"r\" + k), greet(\"child\" + k))); ps.add(p); p.start(); }");
        nb.eval("for (var p : ps) p.join();");
        assertEquals("[0, 0, 0, 0, 0, 0, 0, 0]", nb.eval("ps.stream().map(Process::exitCode).toList()"));
        Set<String> pids = new HashSet<>();
        for (int k = 0; k < 8; k++) {
            String s = Files.readString(dir.resolve("r" + k));
            assertTrue(s.startsWith("hi child" + k + " from "), s);
            pids.add(s.substring(s.lastIndexOf(' ') + 1));
        }
        assertEquals(8, pids.size(), "eight distinct child pids");
        assertFalse(pids.contains(Long.toString(ProcessHandle.current().pid())));
    }

    @Test
    void aCellLambdaIsRebuiltInTheChildWithoutTheLambdaMetafactory() throws Exception {
        // Its caller in the child is the method-handle task, not a class spun by the metafactory (whose frames
        // are hidden, so that the caller would be Process.run).
        nb.eval("String dir = \"" + dir + "\";");
        nb.eval("var p = new Process(() -> Files.writeString(Path.of(dir, \"caller\"), StackWalker.getInstance()"
                + ".walk(s -> s.skip(1).findFirst().get().getClassName())));");
        nb.eval("p.start(); p.join();");
        assertEquals("0", nb.eval("p.exitCode()"));
        assertEquals("io.procbook.mp.internal.lambda.RebuiltTask$NoArgs", Files.readString(dir.resolve("caller")));
    }

    @Test
    void childSeesACopyOfTheVariableAsAtStart() {
        // S4: the child sets x = 10 and prints 10; the parent still has 100.
        nb.eval("int x = 100;");
        nb.eval("var p = new Process(() -> { x = 10; System.out.println(\"child x=\" + x); });");
        nb.eval("p.start(); p.join();");
        assertEquals("100", nb.eval("x"));
        String name = nb.eval("p.name()").replace("\"", "");
        assertEquals("child x=10\n", router.out(name));
        // The value copied is the one at start(): a later change in the parent is not seen by a started
        // child, and is seen by a child started after it.
        nb.eval("String seen = \"" + dir.resolve("seen") + "\";");
        nb.eval("var q = new Process(() -> Files.writeString(Path.of(seen), \"x=\" + x));");
        nb.eval("x = 42;");
        nb.eval("q.start(); x = 43; q.join();");
        assertEquals("0", nb.eval("q.exitCode()"));
        assertEquals("43", nb.eval("x"));
    }

    @Test
    void classesRecordsInterfacesAndSubclassesFromCells() throws Exception {
        nb.eval("interface Shape { double area(); }");
        nb.eval("record Sq(double side) implements Shape, java.io.Serializable { public double area() { return side * side; } }");
        nb.eval("Sq big = new Sq(3);");
        nb.eval("class P extends Process { public void run() { System.out.println(name() + \" area \" + big.area() + \" \" + new Sq(2).area()); } }");
        nb.eval("var pp = new P(); pp.start(); pp.join();");
        String name = nb.eval("pp.name()").replace("\"", "");
        assertTrue(name.matches("P-\\d+"), name);
        assertEquals("0", nb.eval("pp.exitCode()"), router.err(name));
        assertEquals(name + " area 9.0 4.0\n", router.out(name));
    }

    @Test
    void theIssuesApiSketchWorksInACellWithoutCasts() {
        nb.eval("import io.procbook.mp.Subprocess;");
        nb.eval("var q = new Process(name -> System.out.println(\"Run child \" + name), \"test\");");
        nb.eval("var r = new Process(() -> Thread.sleep(10));");
        nb.eval("q.start(); r.start();");
        nb.eval("java.util.List.of(q, r).forEach(Process::join);");
        assertEquals("[0, 0]", nb.eval("java.util.List.of(q.exitCode(), r.exitCode())"));
        assertEquals("Run child test\n", router.out(nb.eval("q.name()").replace("\"", "")));
        assertEquals("0", nb.eval("int code = Subprocess.call(java.util.List.of(\"true\")); code"));
    }

    @Test
    void latestDefinitionWins() {
        nb.eval("String greet(String w) { return \"v1 \" + w; }");
        nb.eval("String twice(String w) { return greet(w) + greet(w); }");
        nb.eval("String greet(String w) { return \"v2 \" + w; }");
        nb.eval("var p = new Process(() -> System.out.println(greet(\"a\") + \"|\" + twice(\"b\")));");
        nb.eval("p.start(); p.join();");
        String name = nb.eval("p.name()").replace("\"", "");
        assertEquals("v2 a|v2 bv2 b\n", router.out(name), router.err(name));
    }

    @Test
    void cellSideEffectsDoNotRunAgainInTheChild() {
        nb.eval("int noisy() { System.out.println(\"SIDE EFFECT\"); return 5; }");
        nb.eval("int y = noisy();");
        nb.eval("var p = new Process(() -> System.out.println(\"y=\" + y));");
        nb.eval("p.start(); p.join();");
        String name = nb.eval("p.name()").replace("\"", "");
        assertEquals("y=5\n", router.out(name));
    }

    @Test
    void uncopyableVariableFailsOnlyAChildThatUsesIt() {
        nb.eval("Thread th = new Thread(() -> { });");
        nb.eval("var bad = new Process(() -> System.out.println(th.getName()));");
        nb.eval("var good = new Process(() -> System.out.println(\"fine\"));");
        nb.eval("bad.start(); good.start(); bad.join(); good.join();");
        assertEquals("1", nb.eval("bad.exitCode()"));
        assertEquals("0", nb.eval("good.exitCode()"));
        String msg = nb.eval("bad.exception().getMessage()");
        assertTrue(msg.contains("'th'") && msg.contains("java.lang.Thread"), msg);
        String badName = nb.eval("bad.name()").replace("\"", "");
        assertTrue(router.err(badName).contains("'th'"), router.err(badName));
        assertEquals("fine\n", router.out(nb.eval("good.name()").replace("\"", "")));
    }

    @Test
    void lambdaInTheSameStatementAsAnUncopyableResultRunsInTheChild() {
        // An expression statement's value goes into a temporary ($1) of the statement's wrapper class, the
        // class that also holds the statement's lambda; the lambda never reads $1, so $1 is not copied.
        nb.eval("import io.procbook.mp.Task;");
        nb.eval("Task kept;");
        nb.eval("Thread keep(Task t) { kept = t; return new Thread(() -> { }); }");
        nb.eval("keep(() -> System.out.println(\"lambda ran\"));");
        assertTrue(nb.eval("$1").startsWith("Thread["), nb.eval("$1"));
        nb.eval("var p = new Process(kept);");
        nb.eval("p.start(); p.join();");
        String name = nb.eval("p.name()").replace("\"", "");
        assertEquals("0", nb.eval("p.exitCode()"), router.err(name));
        assertEquals("lambda ran\n", router.out(name));
    }

    @Test
    void hugeUnrelatedVariableIsNotCopied() {
        nb.eval("int small = 1;");
        // Assigned inside a method: JShell would otherwise build a 600 MB display string of the value.
        nb.eval("byte[] huge;");
        nb.eval("void allocate() { huge = new byte[200_000_000]; }");
        nb.eval("allocate();");
        assertEquals("200000000", nb.eval("huge.length"));
        nb.eval("var tp = new Process(() -> { if (small != 1) throw new IllegalStateException(); });");
        // What start() sends the child: the task packed as ParcelWriter packs it.
        nb.eval("System.getProperties().put(\"cellcode.task\", tp);");
        Transit transit = new Transit(true);
        Parcel parcel = ParcelWriter.write(System.getProperties().remove("cellcode.task"), Hooks.classSource(),
                transit);
        transit.release();
        List<String> copied = parcel.statics().values().stream().flatMap(List::stream).map(StaticValue::field).toList();
        assertTrue(copied.contains("small"), copied.toString());
        assertFalse(copied.contains("huge"), copied.toString());
        int sent = EnvelopeCodec.encode(parcel).length;
        assertTrue(sent < 1_000_000, "the parcel is " + sent + " bytes");
        nb.eval("tp.start(); tp.join();");
        assertEquals("0", nb.eval("tp.exitCode()"), () -> nb.eval("String.valueOf(tp.exception())"));
        nb.eval("void release() { huge = null; }");
        nb.eval("release();");
    }
}
