package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An interrupted cell's commands end with everything they started, a background job whose shell has exited
 * included; so does what a command left behind when the engine closes (a restart).
 */
class CommandTreeTest extends SharedEngine {

    @Test
    void interruptingAShellCellEndsItsBackgroundJobsToo() throws Exception {
        String marker = "311.25";
        try {
            ExecuteOutcome o = InterruptTest.interruptWhenStarted("%%sh\n( sleep " + marker + " & )\n"
                    + "echo started\nsleep " + marker + "\n", new RecordingOutput(),
                    () -> CommandTrees.awaitRunning(marker, 2));
            assertEquals("error", o.status());
            CommandTrees.awaitGone(marker, 10_000); // else: left running after the interrupt
        } finally {
            CommandTrees.killLeftovers(marker);
        }
    }

    @Test
    void aMissingProgramIsStillReportedAsSuch() {
        ExecuteOutcome o = engine.execute("Subprocess.call(List.of(\"no-such-program-procbook\"))",
                new RecordingOutput(), false);
        assertEquals("error", o.status());
        assertEquals("CommandNotFoundException", o.ename(), o.evalue());
        ExecuteOutcome status = engine.execute("Subprocess.call(List.of(\"sh\", \"-c\", \"exit 3\"))",
                new RecordingOutput(), false);
        assertEquals("3", status.result().get("text/plain"), "the exit status passes through setsid");
    }

    @Test
    void closingTheEngineEndsWhatACellsCommandsLeftBehind() throws Exception {
        String marker = "312.25";
        JShellEngine own = new JShellEngine(); // closed here: the shared one serves the other tests
        try {
            ExecuteOutcome o = own.execute("%%sh\n( sleep " + marker + " & )\necho started\n",
                    new RecordingOutput(), false);
            assertEquals("ok", o.status(), o.evalue());
            o = own.execute("var p = new Popen(List.of(\"sh\", \"-c\", \"(sleep " + marker + " &)\"));\n"
                    + "p.waitFor()", new RecordingOutput(), false);
            assertEquals("ok", o.status(), o.evalue());
            CommandTrees.awaitRunning(marker, 2); // both commands have exited; their background jobs run on
            own.close();
            CommandTrees.awaitGone(marker, 10_000); // else: left running after the engine closed
        } finally {
            own.close();
            CommandTrees.killLeftovers(marker);
        }
        assertTrue(CommandTrees.withArgument(marker).isEmpty());
    }
}
