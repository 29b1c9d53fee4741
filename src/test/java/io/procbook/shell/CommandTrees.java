package io.procbook.shell;

import io.procbook.testing.Poll;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finds the processes of a test's commands by a marker in their arguments (an unusual sleep time), waits for
 * them to appear or to be gone, and ends any a failing test left.
 */
public final class CommandTrees {

    private CommandTrees() { }

    /** Every process of this user whose arguments include {@code marker}. */
    public static List<ProcessHandle> withArgument(String marker) {
        return ProcessHandle.allProcesses()
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
                .toList();
    }

    /** Waits (up to 60 s) until {@code n} processes carry {@code marker}. */
    public static void awaitRunning(String marker, int n) {
        Poll.until(() -> n + " processes with " + marker + ", not " + withArgument(marker),
                () -> withArgument(marker).size() >= n, Duration.ofSeconds(60));
        assertEquals(n, withArgument(marker).size(), "processes with " + marker);
    }

    /** Waits up to {@code millis} until no process carries {@code marker}, failing with those left. */
    public static void awaitGone(String marker, long millis) {
        Poll.until(() -> "no process with " + marker + "; left running: " + withArgument(marker),
                () -> withArgument(marker).isEmpty(), Duration.ofMillis(millis));
    }

    /** Kills what a failed test left behind. */
    public static void killLeftovers(String marker) {
        for (ProcessHandle h : withArgument(marker)) {
            h.destroyForcibly();
        }
    }
}
