package io.procbook.mp;

import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.internal.shm.ShmDir;
import io.procbook.testing.Poll;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
            // The runtime's own: procbook-<pid>-... (other programs' and tests' folders may start with procbook- too)
            return s.filter(p -> p.getFileName().toString().matches("procbook-[0-9]+(-.*)?")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits (generously) for every descendant to be gone, then asserts it. */
    public void assertClean() {
        assertNoChildProcesses(20_000);
        Poll.until(() -> "runtime threads left behind: " + runtimeThreads(), () -> runtimeThreads().isEmpty(),
                Duration.ofSeconds(20));
        // A launch's socket directory goes when its endpoint closes, which a child's exit does asynchronously
        // (on the JDK's process reaper), so it may outlive the child by a moment.
        Poll.until(() -> "socket directories left behind: " + newTempDirs(), () -> newTempDirs().isEmpty(),
                Duration.ofSeconds(20));
    }

    private Set<Path> newTempDirs() {
        Set<Path> after = runtimeTempDirs();
        after.removeAll(tempBefore);
        after.removeIf(ChildLeakCheck::ownedByAnotherLiveProgram);
        return after;
    }

    /**
     * The temp dir may be shared with other programs using the runtime at the same time (other test runs on
     * the machine): a directory named after a live process that is neither this JVM nor one of its
     * descendants is theirs, not a leak of this test. (One named after a dead process still counts.)
     */
    private static boolean ownedByAnotherLiveProgram(Path dir) {
        String[] parts = dir.getFileName().toString().split("-");
        long owner;
        try {
            owner = Long.parseLong(parts[1]);
        } catch (RuntimeException notARuntimeDir) {
            return false;
        }
        if (owner == ProcessHandle.current().pid()) return false;
        if (ProcessHandle.current().descendants().anyMatch(h -> h.pid() == owner)) return false;
        return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Drains the runtime's pre-started JVMs (they are the runtime's, not the test's), waits up to {@code millis}
     * for every descendant of this JVM to be gone, then asserts it.
     */
    public static void assertNoChildProcesses(long millis) {
        WarmPool.drain();
        Poll.until(() -> "child processes left behind: " + ProcessHandle.current().descendants()
                        .filter(ProcessHandle::isAlive).map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                        .toList(),
                () -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), Duration.ofMillis(millis));
    }

    /** The shared-memory files (segments, spills, wake-up socket) whose names say process {@code pid} made them. */
    public static List<String> shmFilesOf(long pid) {
        try (Stream<Path> s = Files.list(ShmDir.dir())) {
            List<String> files = new java.util.ArrayList<>(s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("procbook-" + pid + "-")).toList());
            Path socket = ShmDir.socketPath(pid);
            if (socket != null && Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                files.add(socket.getFileName().toString());
            }
            return files.stream().sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Threads of the runtime that serve children (pumps, links, pool filler); none should outlive them. */
    static List<String> runtimeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("procbook-")).sorted().toList();
    }
}
