package io.procbook.mp;

import io.procbook.testing.Poll;
import io.procbook.mp.internal.ConnectBackSocket;
import io.procbook.mp.internal.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** A child never outlives its parent, even when the parent is killed with SIGKILL. */
class ChildOrphanTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        leaks.assertClean();
    }

    @Test
    void killMinusNineOfTheParentLeavesNoChild() throws Exception {
        killParentAndCheck(OrphanParentMain.class, 2);
    }

    /** The pool raised to its bound by a burst: every pre-started JVM goes too. */
    @Test
    void killMinusNineOfTheParentLeavesNoPreStartedJvm() throws Exception {
        killParentAndCheck(BurstParentMain.class, BurstParentMain.POOL_MAX);
    }

    /**
     * Runs {@code main} as a parent program, reads the pids of its children from its first line, kills it with
     * SIGKILL and checks that every one of them is gone within the 2 s the runtime promises (and a margin).
     */
    private static void killParentAndCheck(Class<?> main, int atLeast) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(Platform.childJvmFlags()); // this test JVM's platform mode
        cmd.addAll(List.of("-cp", cp, main.getName()));
        java.lang.Process parent = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<ProcessHandle> children = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = r.readLine();
            assertNotNull(line, "the parent printed its children");
            assertTrue(line.startsWith("PIDS "), line);
            for (String pid : line.substring(5).trim().split(" ")) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(children::add);
            }
            assertTrue(children.size() >= atLeast, "at least " + atLeast + " children: " + line);
            for (ProcessHandle h : children) assertTrue(h.isAlive());
            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            assertTrue(parent.waitFor(30, TimeUnit.SECONDS));
            long killedAt = System.nanoTime();
            Poll.until("children.stream().noneMatch(ProcessHandle::isAlive)",
                    () -> children.stream().noneMatch(ProcessHandle::isAlive), 3_000);
            long tookMs = (System.nanoTime() - killedAt) / 1_000_000;
            for (ProcessHandle h : children) {
                assertFalse(h.isAlive(), "child " + h.pid() + " still alive " + tookMs + " ms after its parent died");
            }
            // A parent killed while a pre-started JVM was connecting leaves that socket directory; the next
            // runtime to start sweeps directories of dead owners.
            ConnectBackSocket.sweepStale();
        } finally {
            parent.destroyForcibly();
            for (ProcessHandle h : children) h.destroyForcibly();
        }
    }
}
