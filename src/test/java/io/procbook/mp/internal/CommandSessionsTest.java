package io.procbook.mp.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandSessionsTest {

    /**
     * Until a command's session is listed with the watcher, a kill -9 of this JVM leaves the command running;
     * a watcher started only after the command had started left that window open for as long as starting a
     * process takes (under load, longer than the command took to start children of its own).
     */
    @Test
    void theWatcherRunsBeforeACommandIsStartedAndEndsWithTheLastSession() throws Exception {
        assertTrue(CommandSessions.setsid().isPresent(), "util-linux setsid is needed for command sessions");
        CommandSessions.endAll(); // from no watcher, whatever an earlier test in this JVM ran
        assertEquals(-1, CommandSessions.watcherPid());

        List<String> cmd = CommandSessions.sessionCommandLine(List.of("true"), null);
        assertTrue(cmd.contains("-w"), String.valueOf(cmd));
        long pid = CommandSessions.watcherPid();
        assertNotEquals(-1, pid, "no watcher runs when the command is about to start");
        ProcessHandle watcher = ProcessHandle.of(pid).orElseThrow();
        assertTrue(watcher.isAlive());

        CommandSessions.endAll(); // nothing listed: the watcher is told to end
        watcher.onExit().get(20, TimeUnit.SECONDS);
        assertEquals(-1, CommandSessions.watcherPid());
    }
}
