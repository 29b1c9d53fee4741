package io.procbook.mp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Process;
import io.procbook.mp.Task1;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reflective reaches of the runtime find what they reach for, so a refactoring that moves it fails here. */
class PrivateAccessTest {

    /** Stands in for a JShell wrapper class: package-private, with a notebook variable as a static field. */
    static final class Cell {
        private static Object counter = 1;
    }

    @Test
    void findsProcessesPrivateTaskEnvelope() throws Exception {
        Class<? extends ChildEntry> entry = PrivateAccess.processEntryClass(Process.class);
        assertSame(Process.class, entry.getEnclosingClass());
        assertTrue(Modifier.isPrivate(entry.getModifiers()), "the envelope stays private to Process");
        Process p = new Process(() -> { });
        assertInstanceOf(entry, PrivateAccess.newProcessEntry(Process.class, p));
    }

    @Test
    void takesALambdaApartAndLinksItAgain() throws Exception {
        List<Object> seen = new ArrayList<>();
        Task1<Object> task = seen::add;
        SerializedLambda form = assertInstanceOf(SerializedLambda.class, PrivateAccess.lambdaWriteReplace(task));
        @SuppressWarnings("unchecked")
        Task1<Object> back = (Task1<Object>) PrivateAccess.deserializeLambda(PrivateAccessTest.class, form);
        back.run("x");
        assertEquals(List.of("x"), seen);
    }

    @Test
    void readsAndWritesANotebookVariable() throws Exception {
        PrivateAccess.setNotebookVariable(Cell.class, "counter", 42);
        assertEquals(42, PrivateAccess.notebookVariable(Cell.class.getDeclaredField("counter")));
    }
}
