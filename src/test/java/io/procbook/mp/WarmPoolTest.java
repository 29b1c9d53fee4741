package io.procbook.mp;

import io.procbook.testing.Poll;
import io.procbook.mp.internal.WarmPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pre-started JVMs adapt to how often processes start: a burst raises their number up to its bound and no
 * further, an idle while lets it fall back to the base count, and a JVM taken while it warms up runs its task
 * at once. Each process still gets a JVM of its own. (None outlives its parent: {@link ChildOrphanTest}.)
 */
class WarmPoolTest {

    private static final String[] PROPERTIES = {"procbook.warmJvms", "procbook.warmJvms.max",
            "procbook.warmJvms.idleMs", "procbook.childJvmOptions"};

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void fromAnEmptyPool() {
        for (String p : PROPERTIES) saved.put(p, System.getProperty(p));
        WarmPool.drain();
    }

    @AfterEach
    void nothingLeft() {
        saved.forEach((p, v) -> {
            if (v == null) System.clearProperty(p);
            else System.setProperty(p, v);
        });
        leaks.assertClean();
    }

    @Test
    void aBurstRaisesThePoolToItsBoundAndNoFurther() {
        System.setProperty("procbook.warmJvms", "1");
        System.setProperty("procbook.warmJvms.max", "3");
        WarmPool.takePeakHeld();
        burst(8);
        Poll.until("the burst raised the pool to its bound",
                () -> WarmPool.idle() == 3 && WarmPool.launching() == 0, 120_000);
        assertEquals(3, WarmPool.idle(), "the burst raised the pool to its bound");
        assertTrue(WarmPool.takePeakHeld() <= 3, "never more than the bound waiting or being launched");
        assertEquals(3, waiting().size(), "and no other child JVM is left: " + waiting());
    }

    @Test
    void anIdleWhileLetsThePoolFallBackToItsBaseCount() {
        System.setProperty("procbook.warmJvms", "1");
        System.setProperty("procbook.warmJvms.max", "3");
        System.setProperty("procbook.warmJvms.idleMs", "300");
        WarmPool.takePeakHeld();
        burst(6);
        assertTrue(WarmPool.takePeakHeld() > 1, "the burst raised the pool above its base count");
        Poll.until("back to the base count",
                () -> WarmPool.idle() == 1 && WarmPool.launching() == 0 && waiting().size() == 1, 120_000);
        assertEquals(1, WarmPool.idle(), "back to the base count");
        assertEquals(0, WarmPool.launching());
        assertEquals(1, waiting().size(), "the JVMs above the base count are gone: " + waiting());
    }

    /** Starts {@code n} processes one after the other, then joins them: each gets a JVM of its own. */
    private static void burst(int n) {
        List<Process> burst = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Process p = new Process(WarmPoolTest::pid);
            p.start();
            burst.add(p);
        }
        List<Long> pids = new ArrayList<>();
        for (Process p : burst) {
            p.join();
            assertEquals(0, p.exitCode());
            pids.add(p.pid());
        }
        assertEquals(n, pids.stream().distinct().count(), "every process got a JVM of its own: " + pids);
    }

    @Test
    void aJvmTakenWhileItWarmsUpRunsItsTaskAtOnce() {
        System.setProperty("procbook.warmJvms", "1");
        // A warm-up that would take hours: whenever the task comes, it is still running.
        System.setProperty("procbook.childJvmOptions", "-Dprocbook.rehearsals=100000000");
        Process first = new Process(WarmPoolTest::pid);
        first.start();
        first.join();
        Poll.until("a waiting JVM is warming up", () -> WarmPool.warming() == 1, 120_000);
        assertEquals(1, WarmPool.warming(), "a waiting JVM is warming up");

        Queue<String> seen = new Queue<>();
        Process p = new Process(() -> seen.put(Process.current().name() + " " + warmUpStopped()));
        p.start();
        assertTrue(p.join(Duration.ofSeconds(120)), "the task did not wait for the warm-up to end");
        assertEquals(0, p.exitCode());
        assertEquals(p.name() + " true", seen.get(),
                "the task ran as the process it was given, and the warm-up stopped once the task had come");
        seen.close();
    }

    /** In the child: whether its warm-up thread, if any, ends (it stops between two rehearsals). */
    private static boolean warmUpStopped() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("procbook-warm-up")) t.join(60_000);
        }
        return Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals("procbook-warm-up"));
    }

    private static long pid() {
        return ProcessHandle.current().pid();
    }

    /**
     * The live child JVMs of this JVM once its processes have ended: the pool's (not the class data archive's
     * training run, which the runtime may be running for the test's class path).
     */
    private static List<Long> waiting() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(h -> !h.info().commandLine().orElse("").matches(".*(ArchiveClassesAtExit|AOTCacheOutput).*"))
                .map(ProcessHandle::pid).toList();
    }
}
