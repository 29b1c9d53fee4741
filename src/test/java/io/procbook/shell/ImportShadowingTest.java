package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

import static io.procbook.shell.JShellEngineTest.plain;
import static io.procbook.shell.JShellEngineTest.run;
import static org.junit.jupiter.api.Assertions.*;

/** Names a cell declares or imports against the session's imports (its own engine: these change the imports). */
class ImportShadowingTest extends SharedEngine {

    @Test
    void aCellsOwnTypeShadowsARuntimeTypeImportedByName() {
        // Queue, Process and Semaphore are imported by single-type import (java.util and java.lang have them too):
        // a cell's own class of that name broke every later cell.
        assertEquals("ok", run("class Queue { int size() { return 7; } }").status());
        assertEquals("7", plain(run("new Queue().size()")));
        // Shared objects are closed in the cell: the engine outlives the test, and their files must not.
        assertEquals("\"io.procbook.mp.Queue\"", plain(run("var q = new io.procbook.mp.Queue<String>();\n"
                + "String n = q.getClass().getName();\nq.close();\nn")));
        assertEquals("2", plain(run("1 + 1")));
        // Declared and used in the same cell, and as a record.
        assertEquals("\"mine\"", plain(run("record Semaphore(String owner) { }\nnew Semaphore(\"mine\").owner()")));
        assertEquals("true", plain(run("var s = new io.procbook.mp.Semaphore(1);\nboolean got = s.tryAcquire();\n"
                + "s.close();\ngot")));
    }

    @Test
    void anImportTakesANameFromAnEarlierImportButNotFromADeclaredType() {
        // A cell's import of a runtime-imported name replaces the session's import of it.
        assertEquals("ok", run("import java.lang.Process;").status());
        assertEquals("\"java.lang.Process\"", plain(run("Process.class.getName()")));
        // An import of a type the notebook declared is taken back with an error; the session stays usable.
        assertEquals("ok", run("class Barrier { }").status());
        ExecuteOutcome clash = run("import io.procbook.mp.Barrier;");
        assertEquals(JShellEngine.COMPILE_ERROR, clash.ename());
        assertTrue(clash.evalue().contains("clashes with the type Barrier"), clash.evalue());
        assertEquals("\"Barrier\"", plain(run("Barrier.class.getSimpleName()")));
        assertEquals("3", plain(run("1 + 2")));
    }
}
