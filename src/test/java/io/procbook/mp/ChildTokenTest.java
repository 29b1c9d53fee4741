package io.procbook.mp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.internal.WarmPool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token that proves a child JVM is the one its parent started never appears on its command line, which
 * any local user can read in /proc; over the loopback TCP fallback too, where a process that knew it could
 * connect first and pass for the child.
 */
class ChildTokenTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        leaks.assertClean();
    }

    @Test
    void aChildsCommandLineCarriesNoToken() {
        assertNoTokenOnTheCommandLine();
    }

    @Test
    void overTheTcpFallbackTooAndTheChildStillConnects() {
        String transport = System.getProperty("procbook.transport");
        String warm = System.getProperty("procbook.warmJvms");
        System.setProperty("procbook.transport", "tcp");
        System.setProperty("procbook.warmJvms", "0"); // a child launched now, over TCP
        WarmPool.drain();
        try {
            List<String> args = assertNoTokenOnTheCommandLine();
            assertTrue(args.stream().anyMatch(a -> a.startsWith("tcp:")), args.toString());
        } finally {
            restore("procbook.transport", transport);
            restore("procbook.warmJvms", warm);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) System.clearProperty(property);
        else System.setProperty(property, value);
    }

    /** Starts a child that waits, reads its command line, lets it finish; returns its arguments. */
    private static List<String> assertNoTokenOnTheCommandLine() {
        try (Event running = new Event(); Event finish = new Event()) {
            Process p = new Process((Task) () -> {
                running.set();
                finish.await();
            });
            p.start();
            List<String> args;
            try {
                assertTrue(running.await(Duration.ofSeconds(60)), "the child runs");
                args = commandLine(p.pid());
            } finally {
                finish.set();
                p.join();
            }
            assertEquals(0, p.exitCode(), () -> "child failed: " + p.exception());
            assertTrue(args.contains("io.procbook.mp.internal.child.ChildMain"), args.toString());
            assertFalse(args.stream().anyMatch(a -> a.matches("[0-9a-f]{32}")), "a token in " + args);
            return args;
        }
    }

    /**
     * The command line as any local user reads it, from /proc (ProcessHandle.Info.arguments() is empty on
     * Linux when the command line is long, as a test class path with many jars makes it).
     */
    private static List<String> commandLine(long pid) {
        try {
            String raw = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(pid),
                    "cmdline")), java.nio.charset.StandardCharsets.UTF_8);
            return List.of(raw.split("\u0000"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
