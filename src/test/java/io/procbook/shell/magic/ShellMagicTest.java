package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ShellMagicTest extends EngineSession {

    @Test
    void scriptOutputStreamsIntoTheCellInOrder() {
        Engine.ExecuteOutcome o = cell("%%bash\nfor i in 1 2 3; do echo line $i; done\necho to-err >&2\n");
        assertEquals("ok", o.status(), o.evalue());
        assertEquals("line 1\nline 2\nline 3\n", out.stdout.toString());
        assertEquals("to-err\n", out.stderr.toString());
    }

    @Test
    void quotesAndBackslashesReachTheScriptUnchanged() {
        assertEquals("ok", cell("%%sh\nprintf '%s|\\n' \"a b\" 'c\\\"d' \n").status());
        assertEquals("a b|\nc\\\"d|\n", out.stdout.toString());
    }

    @Test
    void nonZeroExitFailsTheCellNamingTheStatus() {
        Engine.ExecuteOutcome o = cell("%%sh\necho before\nexit 7\n");
        assertEquals("error", o.status());
        assertTrue(o.evalue().contains("status 7"), o.evalue());
        assertEquals("before\n", out.stdout.toString());
        assertEquals("error", cell("%%sh -x\necho x\n").status(), "arguments are refused");
    }
}
