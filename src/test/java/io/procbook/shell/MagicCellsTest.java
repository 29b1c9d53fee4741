package io.procbook.shell;

import io.procbook.mp.spi.Hooks;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import io.procbook.shell.api.Engine;
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

/** What the engine adds to magics (their own tests are in the magic package): class path, interrupts, help. */
class MagicCellsTest extends SharedEngine {

    private static ExecuteOutcome run(String code, RecordingOutput out) {
        return engine.execute(code, out, false);
    }

    @Test
    void classpathMakesAJarVisibleToTheNextCell() throws Exception {
        Path dir = Files.createTempDirectory("classpath-magic");
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
    void errorsInAMagicCellNameTheCellsOwnLines() {
        ExecuteOutcome compile = run("int fine = 1;\n%time fine++\nint bad = \"text\";", new RecordingOutput());
        assertEquals(JShellEngine.COMPILE_ERROR, compile.ename());
        assertTrue(compile.traceback().get(0).startsWith("line 3: "), compile.traceback()::toString);
        assertEquals("    int bad = \"text\";", compile.traceback().get(1));

        ExecuteOutcome inArgs = run("\n%time String s = 42;", new RecordingOutput());
        assertTrue(inArgs.traceback().get(0).startsWith("line 2: "), inArgs.traceback()::toString);
        assertEquals("    %time String s = 42;", inArgs.traceback().get(1));
        assertEquals("                     ^", inArgs.traceback().get(2).replace("~", " ").stripTrailing());
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
        assertEquals("`NoSuchThing` not found: no variable, type, method or field has that name here.\n", out.stdout());
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
