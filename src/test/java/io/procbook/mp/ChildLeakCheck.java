package io.procbook.mp;

import io.procbook.mp.internal.WarmPool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks that a test left nothing behind: no child process (pre-started JVMs are drained first, as they are
 * the runtime's, not the test's) and no socket directory in the temp dir.
 */
final class ChildLeakCheck {

    private final Set<Path> tempBefore = runtimeTempDirs();

    static Set<Path> runtimeTempDirs() {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("procbook-")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (generously) for every descendant to be gone, then asserts it. */
    void assertClean() {
        WarmPool.drain();
        waitFor(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), 20_000);
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), left, "child processes left behind");
        waitFor(() -> runtimeThreads().isEmpty(), 20_000);
        assertEquals(List.of(), runtimeThreads(), "runtime threads left behind");
        Set<Path> after = runtimeTempDirs();
        after.removeAll(tempBefore);
        assertTrue(after.isEmpty(), "socket directories left behind: " + after);
    }

    /** Threads of the runtime that serve children (pumps, links, pool filler); none should outlive them. */
    static List<String> runtimeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("procbook-")).sorted().toList();
    }

    static void waitFor(BooleanSupplier condition, long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
