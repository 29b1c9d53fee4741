package io.procbook.shell;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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
        await(() -> withArgument(marker).size() >= n, 60_000);
        assertEquals(n, withArgument(marker).size(), "processes with " + marker);
    }

    /** Waits up to {@code millis} until no process carries {@code marker}; returns those left. */
    public static List<ProcessHandle> awaitGone(String marker, long millis) {
        await(() -> withArgument(marker).isEmpty(), millis);
        return withArgument(marker);
    }

    /** Kills what a failed test left behind. */
    public static void killLeftovers(String marker) {
        for (ProcessHandle h : withArgument(marker)) {
            h.destroyForcibly();
        }
    }

    private static void await(BooleanSupplier condition, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            try {
                Thread.sleep(20); // polling the process table: there is nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
