package io.procbook.shell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ClassRegistryTest {

    @Test
    void recordsCellClassesAndFindsTheLiveOnes() throws Exception {
        ClassRegistry registry = new ClassRegistry();
        try (JShell js = JShell.builder()
                .executionEngine(RecordingExecutionControl.provider(registry), Map.of())
                .build()) {
            List<SnippetEvent> ev = js.eval("int x = 100;");
            assertEquals(Snippet.Status.VALID, ev.get(0).status());
            assertTrue(registry.size() > 0, "the variable's wrapper class is recorded");
            // Wrapper class names are JShell's own business; look for the recorded one that holds x.
            Class<?> live = null;
            for (int i = 0; i < 50 && live == null; i++) {
                Class<?> c = registry.loadedClass("REPL.$JShell$" + i);
                if (c != null && hasField(c, "x")) live = c;
            }
            assertNotNull(live, "a live wrapper class holding x");
            var field = live.getField("x");
            field.setAccessible(true); // JShell wrapper classes are package-private
            assertEquals(100, field.getInt(null));
            assertNotNull(registry.bytecode(live.getName()));
            assertNull(registry.bytecode("java.lang.String"));
            assertNull(registry.loadedClass("java.lang.String"));
        }
    }

    private static boolean hasField(Class<?> c, String name) {
        try {
            c.getField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
