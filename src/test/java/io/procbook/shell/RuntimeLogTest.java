package io.procbook.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

/**
 * The runtime's log (System.Logger, by default java.util.logging) stays on the process's real stderr: its console
 * handler, made the first time anything logs, must not take a cell's routed System.err, or the runtime's
 * warnings would land in whichever cell happened to be running, that time and every time after.
 */
class RuntimeLogTest extends SharedEngine {

    @Test
    void aWarningLoggedWhileACellRunsStaysOutOfTheCell() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = engine.execute("""
                System.getLogger("io.procbook.runtime.test").log(System.Logger.Level.WARNING, "runtime trouble");
                System.err.println("cell's own line");
                """, out, false);
        assertEquals("ok", o.status(), () -> o.ename() + ": " + o.evalue());
        assertEquals("cell's own line\n", out.stderr(), "the cell's stderr has its own line only");
        assertFalse(out.stdout().contains("runtime trouble"));
    }
}
