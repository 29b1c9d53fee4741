package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import io.procbook.shell.api.Engine;
import io.procbook.shell.help.FakeJdkSources;
import io.procbook.shell.help.Javadocs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code NAME?}, {@code NAME??} and inspect requests (Shift+Tab) through the engine: procbook's API, a cell's
 * variables and declarations, and JDK classes, whose sources come from a small fake src.zip so that the JDK
 * case runs (and must pass) whether or not the JDK under test has its sources installed.
 */
class InspectTest {

    @TempDir
    static Path dir;
    static JShellEngine engine;

    @BeforeAll
    static void start() throws Exception {
        engine = new JShellEngine(new Javadocs(FakeJdkSources.write(dir)));
        ExecuteOutcome o = engine.execute("""
                var p = new Process(() -> { });
                int x = 42;
                var big = new int[1_000_000];
                /**
                 * Says hello.
                 *
                 * @param who whom to greet
                 * @return the greeting
                 */
                String hello(String who) { return "hello " + who; }
                """, new RecordingOutput(), false);
        assertEquals("ok", o.status(), o::toString);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** The page a {@code NAME?} cell shows, checked to be a page whose lines all fit in 100 columns. */
    static String page(String cell) {
        return page(engine, cell);
    }

    static String page(Engine engine, String cell) {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = engine.execute(cell, out, false);
        assertEquals("ok", o.status(), o::toString);
        assertEquals(1, o.payload().size(), () -> cell + " pages nothing; it printed: " + out.stdout());
        Map<?, ?> data = (Map<?, ?>) o.payload().get(0).get("data");
        assertTrue(String.valueOf(data.get("text/markdown")).contains("```java\n"), "the Markdown form: " + data);
        return fits(String.valueOf(data.get("text/plain")));
    }

    static String fits(String text) {
        for (String line : text.split("\n")) assertTrue(line.length() <= 100, "a line over 100 columns:\n" + line);
        return text;
    }

    static String inspect(String code, String at, int detail) {
        int cursor = code.indexOf(at) + at.length() / 2;
        Engine.Inspection i = engine.inspect(code, code.codePointCount(0, cursor), detail);
        assertTrue(i.found(), () -> "nothing found at " + at + " in " + code);
        return fits(String.valueOf(i.data().get("text/plain")));
    }

    @Test
    void aTypeShowsItsJavadocAndConstructors() {
        String pool = page("Pool?");
        assertTrue(pool.startsWith("io.procbook.mp.Pool\n\npublic class Pool"), pool);
        assertTrue(pool.contains("worker processes"), "the class comment: " + pool);
        assertTrue(pool.contains("Constructors:\n  public Pool()\n"), pool);
        assertTrue(pool.contains("  public Pool(int processes)\n"), pool);
        assertFalse(pool.contains("Methods:"), "the members are for ??: " + pool);
        String more = page("Pool??");
        assertTrue(more.contains("Methods:\n"), more);
        assertTrue(more.contains("  public <T, R> PoolIterator<R> imapUnordered(Fn<T, R> fn,"), more);
    }

    @Test
    void aMethodOfATypeShowsEveryOverloadWithItsTags() {
        String map = page("Pool.map?");
        assertTrue(map.startsWith("io.procbook.mp.Pool.map\n\npublic <T, R> List<R> map(Fn<T, R> fn, Iterable<? extends T> items)\n"), map);
        assertTrue(map.contains("\npublic <T, R> List<R> map(Fn<T, R> fn, Iterable<? extends T> items, int chunksize)\n"), map);
        assertTrue(map.contains("    Parameters:\n      fn "), map);
        assertTrue(map.contains("    Returns:\n"), map);
        assertTrue(map.contains("    Throws:\n      TaskFailedException "), map);
        assertEquals(map, page("Pool.map()?"), "with or without the parentheses");
    }

    @Test
    void theDisplayAndMonitorApis() {
        String display = page("display?");
        assertTrue(display.startsWith("io.procbook.display.Display.display\n"), display);
        assertTrue(display.contains("Parameters:") && display.contains("Returns:"), display);
        String show = page("Monitor.show?");
        assertTrue(show.startsWith("io.procbook.monitor.Monitor.show\n\npublic static void show()\n\n    "), show);
    }

    @Test
    void aMethodOfAVariable() {
        String start = page("p.start?");
        assertTrue(start.startsWith("io.procbook.mp.Process.start\n\npublic void start()\n\n    Starts the child"), start);
        assertTrue(start.contains("Throws:\n      IllegalStateException "), start);
        assertEquals(start, inspect("p.start();", "start", 0), "Shift+Tab shows what ? shows");
    }

    @Test
    void aVariableShowsItsTypeAndValue() {
        assertTrue(page("x?").startsWith("x: int = 42\n"));
        String big = page("big?");
        assertTrue(big.startsWith("big: int[]\n\n    int[1000000] { 0, 0, 0"), big);
        assertTrue(big.length() < 1500 && big.contains("\u2026 }"), "shortened: " + big);
        String p = page("p?");
        assertTrue(p.startsWith("p: Process = "), p);
        assertTrue(p.contains("\npublic class Process"), "and what its type is: " + p);
    }

    @Test
    void aValueWhoseToStringBlocksOrThrowsDoesNotHoldHelpUp() {
        ExecuteOutcome o = engine.execute("""
                var gate = new java.util.concurrent.CountDownLatch(1);
                class Slow { public String toString() { try { gate.await(); } catch (InterruptedException e) { } return "slow"; } }
                class Broken { public String toString() { throw new IllegalStateException("boom"); } }
                var slow = new Slow();
                var broken = new Broken();
                """, new RecordingOutput(), false);
        assertEquals("ok", o.status(), o::toString);
        try {
            assertEquals("slow: Slow = (its toString() did not return within 1000 ms)\n", page("slow?"));
        } finally {
            engine.execute("gate.countDown();", new RecordingOutput(), false);
        }
        assertEquals("broken: Broken = (its toString() threw IllegalStateException: boom)\n", page("broken?"));
    }

    @Test
    void jdkClassesShowTheJdksJavadoc() {
        String string = page("String?");
        assertTrue(string.startsWith("java.lang.String\n\npublic final class String implements CharSequence\n\n"
                + "FAKE: the string class. Strings are constant.\n"), string);
        String format = page("String.format?");
        assertTrue(format.contains("public static String format(String format, Object... args)\n\n    FAKE: formats.\n"), format);
        assertTrue(format.contains("public static String format(java.util.Locale l, String format, Object... args)\n\n"
                + "    FAKE: formats in a locale.\n"), format);
        assertTrue(format.contains("Throws:\n      IllegalFormatException  if the format is wrong\n"), format);
        String length = inspect("int n = \"abc\".length();", "length", 0);
        assertTrue(length.contains("FAKE: how many chars there are. Counted in UTF-16 code units."), "inherited: " + length);
        assertFalse(length.contains("not installed"), length);
    }

    @Test
    void cellDeclarationsShowTheirOwnJavadoc() {
        String hello = page("hello?");
        assertTrue(hello.startsWith("hello\n\nString hello(String who)\n\n    Says hello.\n"), hello);
        assertTrue(hello.contains("Parameters:\n      who  whom to greet\n"), hello);
    }

    @Test
    void shiftTabInsideACall() {
        String code = "try (var pool = new Pool(2)) {\n    var r = pool.map(i -> i * 2, List.of(1, 2));\n}";
        String map = inspect(code, "map", 0);
        assertTrue(map.startsWith("io.procbook.mp.Pool.map\n"), map);
        String type = inspect(code, "Pool(", 0);
        assertTrue(type.startsWith("io.procbook.mp.Pool\n") && type.contains("Constructors:"), type);
        assertTrue(inspect("Pool pool;", "Pool", 1).contains("Methods:"), "?? detail on a type");
        String constructors = inspect(code, "(2", 0);
        assertTrue(constructors.startsWith("io.procbook.mp.Pool (constructor"), "inside a constructor's call: " + constructors);
    }

    @Test
    void unknownNamesSaySo() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = engine.execute("NoSuchThing?", out, false);
        assertEquals(0, o.payload().size());
        assertEquals("`NoSuchThing` not found: no variable, type, method or field has that name here.\n", out.stdout());
        out = new RecordingOutput();
        engine.execute("Pool.mapp?", out, false);
        assertEquals("io.procbook.mp.Pool has no member named mapp.\n", out.stdout());
        out = new RecordingOutput();
        engine.execute("p.nosuch?", out, false);
        assertEquals("io.procbook.mp.Process has no member named nosuch.\n", out.stdout());
        assertFalse(engine.inspect("NoSuchThing", 3, 0).found());
    }
}
