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
public final class ChildLeakCheck {

    /** Notes the runtime temp dirs present now, so that only new ones count as left behind. */
    public ChildLeakCheck() { }

    private final Set<Path> tempBefore = runtimeTempDirs();

    static Set<Path> runtimeTempDirs() {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("procbook-")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (generously) for every descendant to be gone, then asserts it. */
    public void assertClean() {
        WarmPool.drain();
        waitFor(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), 20_000);
        List<String> left = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), left, "child processes left behind");
        waitFor(() -> runtimeThreads().isEmpty(), 20_000);
        assertEquals(List.of(), runtimeThreads(), "runtime threads left behind");
        Set<Path> after = runtimeTempDirs();
        after.removeAll(tempBefore);
        after.removeIf(ChildLeakCheck::ownedByAnotherLiveProcess);
        assertTrue(after.isEmpty(), "socket directories left behind: " + after);
    }

    /**
     * A directory is named {@code procbook-<pid of its creator>-...}. One made meanwhile by a live process that is
     * neither this JVM nor one of its children belongs to somebody else on the machine (another build, a
     * notebook kernel) and says nothing about this test.
     */
    static boolean ownedByAnotherLiveProcess(Path dir) {
        String[] parts = dir.getFileName().toString().split("-");
        if (parts.length < 3) return false;
        long owner;
        try {
            owner = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        ProcessHandle me = ProcessHandle.current();
        if (owner == me.pid()) return false;
        return ProcessHandle.of(owner).filter(ProcessHandle::isAlive)
                .map(h -> me.descendants().noneMatch(d -> d.pid() == owner)).orElse(false);
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
