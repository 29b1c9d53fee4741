package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import io.procbook.monitor.Monitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MagicsTest extends EngineSession {

    private final Magics magics = Magics.standard();

    @AfterEach
    void monitorBackOn() {
        Monitor.setEnabled(true);
    }

    @Test
    void recognisesMagicLinesButNotModuloOnAContinuedLine() {
        assertTrue(Magics.hasMagic("%time 1+1"));
        assertTrue(Magics.hasMagic("int a = 1;\n  %lsmagic\n"));
        assertTrue(Magics.hasMagic("%%time\nfoo();"));
        assertFalse(Magics.hasMagic("int r = 7\n  % 3;"));
        assertFalse(Magics.hasMagic("String s = \"%time\";"));
    }

    @Test
    void unknownMagicIsAnErrorListingTheKnownOnes() {
        Engine.ExecuteOutcome o = cell("%nosuch 1");
        assertEquals("error", o.status());
        assertTrue(o.evalue().contains("unknown magic %nosuch"), o.evalue());
        for (String known : List.of("%time", "%%time", "%timeit", "%classpath", "%jars", "%maven", "%who", "%lsmagic")) {
            assertTrue(o.evalue().contains(known), known + " in " + o.evalue());
        }
    }

    @Test
    void lsmagicListsEveryMagicWithHelp() {
        assertEquals("ok", cell("%lsmagic").status());
        for (Magic m : magics.all()) assertTrue(out.stdout.toString().contains(m.usage()), m.usage());
    }

    @Test
    void lsmagicSaysWhichJdkNamesTheRuntimeReplaces() {
        assertEquals("ok", cell("%lsmagic").status());
        String listing = out.stdout.toString();
        for (String jdk : List.of("java.lang.Process", "java.util.Queue", "java.util.concurrent.Semaphore",
                "java.util.concurrent.locks.Lock", "java.util.concurrent.locks.Condition", "java.lang.reflect.Array")) {
            assertTrue(listing.contains(jdk), jdk + " in\n" + listing);
        }
    }

    @Test
    void questionMarkShowsHelp() {
        assertEquals("ok", cell("%timeit?\n1 + 1").status());
        assertTrue(out.stdout.toString().startsWith("%timeit [-n N]"), out.stdout.toString());
        assertTrue(magics.help("%%time").orElseThrow().contains("the cell"));
        assertTrue(magics.help("%nosuch").isEmpty());
    }

    @Test
    void codeAndLineMagicsRunInOrderAndAnErrorStopsTheRest() {
        Engine.ExecuteOutcome o = cell("int a = 20;\nSystem.out.println(\"a=\" + a);\n%time a = a + 1;\na * 2");
        assertEquals("ok", o.status());
        assertEquals("42", o.result().get("text/plain"));
        assertTrue(out.stdout.toString().matches("(?s)a=20\nCPU times: .*"), out.stdout.toString());

        Engine.ExecuteOutcome failed = cell("int before = 1;\n%nosuch\nint never = 1;");
        assertEquals("error", failed.status());
        assertEquals("1", cell("before").result().get("text/plain"));
        assertEquals("error", cell("never").status(), "nothing after the failing magic runs");
    }

    @Test
    void cellMagicMustBeFirst() {
        Engine.ExecuteOutcome o = cell("int a = 1;\n%%time\na");
        assertEquals("error", o.status());
        assertTrue(o.evalue().contains("first line"), o.evalue());
    }

    @Test
    void whoListsVariablesAndResetDropsThem() {
        cell("%reset");
        cell("int answer = 42;\nString name = \"x\";\nvoid f() { }\nanswer + 1");
        out.stdout.setLength(0);
        cell("%who");
        String who = out.stdout.toString();
        assertFalse(who.contains("$"), "JShell's temporaries are not the reader's variables: " + who);
        assertTrue(who.matches("(?s).*answer\\s+int\\s+42.*"), who);
        assertTrue(who.matches("(?s).*name\\s+String\\s+\"x\".*"), who);
        cell("%reset");
        assertTrue(out.stdout.toString().contains("Dropped 2 variables."), out.stdout.toString());
        out.stdout.setLength(0);
        cell("%who");
        assertEquals("No variables.\n", out.stdout.toString());
        assertEquals("error", cell("answer").status());
        assertEquals("ok", cell("f();").status(), "methods stay");
    }

    @Test
    void monitorSwitch() {
        assertEquals("ok", cell("%monitor on").status());
        assertTrue(Monitor.isEnabled());
        assertEquals(1, out.displayIds.stream().distinct().count(), "on shows the monitor at once");
        assertEquals("ok", cell("%monitor off").status());
        assertFalse(Monitor.isEnabled());
        assertEquals("ok", cell("%monitor auto").status());
        assertTrue(Monitor.isEnabled(), "auto is monitoring again");
        Engine.ExecuteOutcome wrong = cell("%monitor maybe");
        assertEquals("error", wrong.status());
        assertTrue(wrong.evalue().contains("on|off|auto"), wrong.evalue());
    }

    @Test
    void monitorHelpNamesAuto() {
        String help = magics.help("%monitor").orElseThrow();
        assertTrue(help.startsWith("%monitor on|off|auto"), help);
        assertTrue(help.contains("auto (the default)"), help);
        assertEquals("ok", cell("%lsmagic").status());
        assertTrue(out.stdout.toString().contains("%monitor on|off|auto"), out.stdout.toString());
        assertEquals("ok", cell("%monitor?").status());
        assertTrue(out.stdout.toString().contains("auto (the default)"), out.stdout.toString());
    }

    private static Path emptyJar(Path p) throws java.io.IOException {
        new java.util.jar.JarOutputStream(Files.newOutputStream(p), new java.util.jar.Manifest()).close();
        return p;
    }

    @Test
    void classpathAddsDirectoriesAndJarsAndRejectsMissingOnesBeforeAddingAny() throws Exception {
        Path dir = Files.createTempDirectory("cp-");
        try {
            Path a = emptyJar(dir.resolve("a.jar"));
            Path b = emptyJar(dir.resolve("b.jar"));
            Files.createFile(dir.resolve("notes.txt"));
            assertEquals("ok", cell("%jars " + dir + "/*.jar").status());
            assertEquals(List.of(a, b), addedClasspath());

            Engine.ExecuteOutcome missing = cell("%classpath " + dir + " " + dir.resolve("nope.jar"));
            assertEquals("error", missing.status());
            assertTrue(missing.evalue().contains("nope.jar"), missing.evalue());
            assertEquals(2, addedClasspath().size(), "the valid first entry was not added either");

            assertEquals("ok", cell("%classpath " + dir).status());
            assertEquals(dir, addedClasspath().get(2));
            assertEquals("error", cell("%jars " + dir + "/*.zip").status());
            assertEquals("error", cell("%classpath " + dir.resolve("notes.txt")).status());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
