package io.procbook.shell.magic;

import io.procbook.shell.Engine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MagicsTest {

    private final Magics magics = Magics.standard();
    private final JShellContext ctx = new JShellContext();

    @AfterEach
    void close() {
        ctx.close();
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
        Engine.ExecuteOutcome o = magics.run("%nosuch 1", ctx);
        assertEquals("error", o.status());
        assertTrue(o.evalue().contains("unknown magic %nosuch"), o.evalue());
        for (String known : List.of("%time", "%%time", "%timeit", "%classpath", "%jars", "%maven", "%who", "%lsmagic")) {
            assertTrue(o.evalue().contains(known), known + " in " + o.evalue());
        }
    }

    @Test
    void lsmagicListsEveryMagicWithHelp() {
        assertEquals("ok", magics.run("%lsmagic", ctx).status());
        for (Magic m : magics.all()) assertTrue(ctx.out.stdout.toString().contains(m.usage()), m.usage());
    }

    @Test
    void questionMarkShowsHelp() {
        assertEquals("ok", magics.run("%timeit?", ctx).status());
        assertTrue(ctx.out.stdout.toString().startsWith("%timeit [-n N]"), ctx.out.stdout.toString());
        assertTrue(magics.help("%%time").orElseThrow().contains("the cell"));
        assertTrue(magics.help("%nosuch").isEmpty());
    }

    @Test
    void codeAndLineMagicsRunInOrderAndAnErrorStopsTheRest() {
        Engine.ExecuteOutcome o = magics.run("int a = 20;\n%time a = a + 1;\na * 2", ctx);
        assertEquals("ok", o.status());
        assertEquals("42", o.result().get("text/plain"));
        assertEquals(List.of("int a = 20;\n", "a = a + 1;", "a * 2\n"), ctx.ran);

        ctx.ran.clear();
        Engine.ExecuteOutcome failed = magics.run("%nosuch\nint never = 1;", ctx);
        assertEquals("error", failed.status());
        assertTrue(ctx.ran.isEmpty(), "nothing after the failing magic runs: " + ctx.ran);
    }

    @Test
    void cellMagicMustBeFirst() {
        Engine.ExecuteOutcome o = magics.run("int a = 1;\n%%time\na", ctx);
        assertEquals("error", o.status());
        assertTrue(o.evalue().contains("first line"), o.evalue());
    }

    @Test
    void whoListsVariablesAndResetDropsThem() {
        magics.run("int answer = 42;\nString name = \"x\";\nvoid f() { }", ctx);
        magics.run("%who", ctx);
        String who = ctx.out.stdout.toString();
        assertTrue(who.matches("(?s).*answer\\s+int\\s+42.*"), who);
        assertTrue(who.matches("(?s).*name\\s+String\\s+\"x\".*"), who);
        magics.run("%reset", ctx);
        assertTrue(ctx.out.stdout.toString().contains("Dropped 2 variables."));
        assertTrue(ctx.variables().isEmpty());
        assertEquals("ok", ctx.run("f();").status(), "methods stay");
    }

    @Test
    void monitorSwitch() {
        assertEquals("ok", magics.run("%monitor on", ctx).status());
        assertEquals(Boolean.TRUE, ctx.monitor);
        assertEquals("ok", magics.run("%monitor off", ctx).status());
        assertEquals(Boolean.FALSE, ctx.monitor);
        assertEquals("error", magics.run("%monitor maybe", ctx).status());
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
            assertEquals("ok", magics.run("%jars " + dir + "/*.jar", ctx).status());
            assertEquals(List.of(a, b), ctx.classpath);

            Engine.ExecuteOutcome missing = magics.run("%classpath " + dir + " " + dir.resolve("nope.jar"), ctx);
            assertEquals("error", missing.status());
            assertTrue(missing.evalue().contains("nope.jar"), missing.evalue());
            assertEquals(2, ctx.classpath.size(), "the valid first entry was not added either");

            assertEquals("ok", magics.run("%classpath " + dir, ctx).status());
            assertEquals(dir, ctx.classpath.get(2));
            assertEquals("error", magics.run("%jars " + dir + "/*.zip", ctx).status());
            assertEquals("error", magics.run("%classpath " + dir.resolve("notes.txt"), ctx).status());
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
