package io.procbook.shell;

import io.procbook.display.MimeBundle;
import io.procbook.mp.spi.Hooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.*;

class EngineLifecycleTest {

    @AfterEach
    void cleanUp() {
        FakeChild.killAll();
    }

    @Test
    void closeTerminatesEveryChildAndUnhooksTheRuntime() throws Exception {
        PrintStream before = System.out;
        JShellEngine engine = new JShellEngine();
        try {
            assertEquals("ok", engine.execute("var c = io.procbook.shell.FakeChild.start();", new RecordingOutput(), false).status());
            // Installed by the time a cell runs.
            assertSame(engine.classRegistry(), Hooks.classSource());
            assertNotNull(Hooks.outputRouter());
        } finally {
            engine.close();
        }
        FakeChild child = FakeChild.STARTED.get(0);
        // close() waits for its children: the child is gone when close returns.
        assertFalse(child.isAlive());
        assertNotNull(child.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS));
        assertNull(Hooks.classSource());
        assertNull(Hooks.outputRouter());
        assertTrue(Hooks.listeners().isEmpty());
        assertSame(before, System.out);
        engine.close(); // a second close is harmless
        assertEquals("EngineClosed", engine.execute("1", new RecordingOutput(), false).ename());
    }

    @Test
    void addedClassDirectoriesAreVisibleToCellsAndChildren(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path src = dir.resolve("src/demo/Greeter.java");
        java.nio.file.Files.createDirectories(src.getParent());
        java.nio.file.Files.writeString(src, "package demo; public class Greeter { public String hi() { return \"hi from a jar\"; } }");
        java.nio.file.Path classes = dir.resolve("classes");
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertEquals(0, rc);
        try (JShellEngine engine = new JShellEngine()) {
            assertEquals(JShellEngine.COMPILE_ERROR, engine.execute("new demo.Greeter()", new RecordingOutput(), false).ename());
            engine.addToClasspath(classes);
            var o = engine.execute("new demo.Greeter().hi()", new RecordingOutput(), false);
            assertEquals("\"hi from a jar\"", o.result().get("text/plain"));
            var viaContext = engine.execute("Class.forName(\"demo.Greeter\", true, Thread.currentThread().getContextClassLoader()).getName()",
                    new RecordingOutput(), false);
            assertEquals("\"demo.Greeter\"", viaContext.result().get("text/plain"));
            assertTrue(Hooks.extraClasspath().contains(classes.toAbsolutePath().normalize()));
            assertThrows(IllegalArgumentException.class, () -> engine.addToClasspath(dir.resolve("missing.jar")));
        }
    }

    @Test
    void closeRightAfterStartLeavesNothingBehind() {
        PrintStream before = System.out;
        JShellEngine engine = new JShellEngine();
        engine.close();
        assertSame(before, System.out);
        assertNull(Hooks.classSource());
        assertNull(Hooks.outputRouter());
        assertTrue(Hooks.listeners().isEmpty());
        assertEquals("EngineClosed", engine.execute("1", new RecordingOutput(), false).ename());
    }

    @Test
    void cellsSeeTheRuntimeAndDisplayTypesBySimpleName() {
        try (JShellEngine engine = new JShellEngine()) {
            for (String type : RuntimeImports.publicTypes(RuntimeImports.RUNTIME_PACKAGE, getClass().getClassLoader())) {
                String simple = type.substring(type.lastIndexOf('.') + 1);
                var o = engine.execute(simple + ".class.getName()", new RecordingOutput(), false);
                assertEquals("\"" + type + "\"", o.result().get("text/plain"), simple);
            }
            var o = engine.execute("MimeBundle.class.getName()", new RecordingOutput(), false);
            assertEquals("\"" + MimeBundle.class.getName() + "\"", o.result().get("text/plain"));
        }
    }

    @Test
    void backgroundThreadExceptionsAreShownInTheirCell() throws Exception {
        try (JShellEngine engine = new JShellEngine()) {
            RecordingOutput out = new RecordingOutput();
            assertEquals("ok", engine.execute("""
                    void fail() { throw new IllegalStateException("in the background"); }
                    var t = new Thread(() -> fail(), "worker-1");
                    t.start();
                    t.join();
                    """, out, false).status());
            String err = out.stderr();
            assertTrue(err.startsWith("Exception in thread \"worker-1\" java.lang.IllegalStateException: in the background\n"), err);
            assertTrue(err.contains("    at fail (line 1)\n    at lambda (line 2)\n"), err);
            assertFalse(err.contains("$JShell$"), err);
        }
    }
}
