package io.procbook.shell;

import io.procbook.mp.spi.Hooks;
import io.procbook.shell.Engine.ExecuteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Magics and help requests in cells of the real engine. */
class MagicCellsTest extends SharedEngine {

    @AfterEach
    void cleanUp() {
        FakeChild.killAll();
    }

    private static ExecuteOutcome run(String code, RecordingOutput out) {
        return engine.execute(code, out, false);
    }

    @Test
    void timeRunsTheStatementOnceAsPartOfTheCell() {
        assertEquals("ok", run("int calls = 0;", new RecordingOutput()).status());
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("%time ++calls", out);
        assertEquals("ok", o.status(), o::toString);
        assertEquals("1", o.result().get("text/plain"));
        assertTrue(out.stdout().matches("(?s)CPU times: user .+, sys .+, total .+\nWall time: .+\n"), out.stdout());
    }

    @Test
    void timeitLoopsAsAskedAndPrintsMeanAndStd() {
        assertEquals("ok", run("long ticks = 0;", new RecordingOutput()).status());
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("%timeit -n 5 -r 2 ticks++", out);
        assertEquals("ok", o.status(), o::toString);
        assertTrue(out.stdout().matches("(?s).+ \u00b1 .+ per loop \\(mean \u00b1 std. dev. of 2 runs, 5 loops each\\)\n"),
                out.stdout());
        assertEquals("10", run("ticks", new RecordingOutput()).result().get("text/plain"));
    }

    @Test
    void codeAndMagicLinesRunInOrder() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("int mixed = 1;\n%time mixed += 1\nSystem.out.println(\"mixed=\" + mixed);\nmixed * 10", out);
        assertEquals("ok", o.status(), o::toString);
        assertEquals("20", o.result().get("text/plain"));
        assertTrue(out.stdout().matches("(?s)CPU times: .+Wall time: .+\nmixed=2\n"), out.stdout());
    }

    @Test
    void magicErrorsEndTheCell() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("%nosuch\nSystem.out.println(\"after\");", out);
        assertEquals("MagicError", o.ename());
        assertTrue(o.evalue().contains("%timeit"), o.evalue());
        assertEquals("", out.stdout());
    }

    @Test
    void classpathMakesAJarVisibleToTheNextCell() throws Exception {
        Path dir = Files.createTempDirectory("procbook-classpath");
        try {
            Path jar = helloJar(dir);
            RecordingOutput out = new RecordingOutput();
            ExecuteOutcome added = run("%classpath " + jar, out);
            assertEquals("ok", added.status(), added::toString);
            assertTrue(out.stdout().contains(jar.toString()), out.stdout());
            assertTrue(Hooks.extraClasspath().contains(jar), "children get it too");
            ExecuteOutcome o = run("new jarred.Hello().greet()", new RecordingOutput());
            assertEquals("ok", o.status(), o::toString);
            assertTrue(String.valueOf(o.result().get("text/plain")).contains("hello from a jar"), o::toString);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    private static Path helloJar(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/jarred")).resolve("Hello.java");
        Files.writeString(src, "package jarred; public class Hello { public String greet() { return \"hello from a jar\"; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "javac");
        Path jar = dir.resolve("hello.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new JarEntry("jarred/Hello.class"));
            Files.copy(classes.resolve("jarred/Hello.class"), j);
            j.closeEntry();
        }
        return jar;
    }

    @Test
    void whoListsVariablesAndResetDropsThem() {
        assertEquals("ok", run("int whoCount = 3;\nString whoName = \"ada\";\nvoid keepMe() { }\n1 + 1", new RecordingOutput()).status());
        RecordingOutput out = new RecordingOutput();
        assertEquals("ok", run("%who", out).status());
        assertTrue(out.stdout().matches("(?s).*\nwhoCount +int +3\n.*"), out.stdout());
        assertTrue(out.stdout().matches("(?s).*\nwhoName +String +\"ada\"\n.*"), out.stdout());
        assertFalse(out.stdout().contains("$"), "JShell's temporaries are not listed: " + out.stdout());

        RecordingOutput reset = new RecordingOutput();
        assertEquals("ok", run("%reset", reset).status());
        assertTrue(reset.stdout().matches("Dropped [0-9]+ variables\\.\n"), reset.stdout());
        assertEquals(JShellEngine.COMPILE_ERROR, run("whoCount", new RecordingOutput()).ename());
        assertEquals("ok", run("keepMe();", new RecordingOutput()).status(), "methods stay");
        RecordingOutput none = new RecordingOutput();
        run("%who", none);
        assertEquals("No variables.\n", none.stdout());
    }

    @Test
    void interruptStopsTimeitOfAnEndlessBody() throws Exception {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = InterruptTest.interruptOnceStarted(
                "%timeit -n 1 -r 1 { System.out.println(\"started\"); while (true) { } }", out);
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        assertFalse(out.stdout().contains("per loop"), out.stdout());
        InterruptTest.assertUsable();
    }

    @Test
    void interruptStopsTime() throws Exception {
        ExecuteOutcome o = InterruptTest.interruptOnceStarted(
                "%%time\nSystem.out.println(\"started\");\nwhile (true) { }", new RecordingOutput());
        assertEquals(JShellEngine.INTERRUPTED, o.ename());
        InterruptTest.assertUsable();
    }

    @Test
    void questionMarkCellPagesTheDocumentation() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("String?", out);
        assertEquals("ok", o.status(), o::toString);
        assertNull(o.result(), "help is paged, not a result");
        assertEquals(1, o.payload().size());
        Map<String, Object> page = o.payload().get(0);
        assertEquals("page", page.get("source"));
        assertEquals(0, page.get("start"));
        String text = String.valueOf(((Map<?, ?>) page.get("data")).get("text/plain"));
        assertTrue(text.contains("java.lang.String"), text);

        String println = pageText(run("System.out.println?", new RecordingOutput()));
        assertTrue(println.contains("println("), println);
        String timeit = pageText(run("%timeit?", new RecordingOutput()));
        assertTrue(timeit.startsWith("%timeit [-n N] [-r R]"), timeit);
    }

    @Test
    void questionMarkOnAnUnknownNameSaysSo() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("NoSuchThing?", out);
        assertEquals("ok", o.status());
        assertEquals(0, o.payload().size());
        assertEquals("Object `NoSuchThing` not found.\n", out.stdout());
    }

    private static String pageText(ExecuteOutcome o) {
        assertEquals(1, o.payload().size(), o::toString);
        return String.valueOf(((Map<?, ?>) o.payload().get(0).get("data")).get("text/plain"));
    }

    @Test
    void inspectOnAMagicGivesItsHelp() {
        Engine.Inspection time = engine.inspect("%time 1 + 1", 3, 0);
        assertTrue(time.found());
        assertTrue(String.valueOf(time.data().get("text/plain")).startsWith("%time STATEMENT"), time::toString);
        Engine.Inspection cell = engine.inspect("%%timeit -n 3\nx++;", 8, 0);
        assertTrue(String.valueOf(cell.data().get("text/plain")).startsWith("%%timeit"), cell::toString);
        Engine.Inspection java = engine.inspect("%time Math.abs(1)", 14, 0);
        assertTrue(String.valueOf(java.data().get("text/plain")).contains("abs("), "past the magic's name: Java " + java);
    }
}
