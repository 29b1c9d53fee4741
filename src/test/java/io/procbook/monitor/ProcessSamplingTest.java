package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.internal.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessSamplingTest {

    private final RecordingView view = new RecordingView();
    private final CellMonitor monitor = new CellMonitor("process test", view);

    @AfterEach
    void cleanUp() throws Exception {
        monitor.close();
        TestChild.killAllAndAssertGone();
    }

    @Test
    void aBusyLoopingChildUsesAboutOneCoreAsTheJdkAlsoMeasures() throws Exception {
        TestChild child = TestChild.java("busy", "busy");
        monitor.watchProcess(child);
        // skip the JVM's start-up (JIT threads): measure from the next tick over at least 1.5 s
        Await.snapshot(monitor, s -> s.rows().get(0).samples().size() >= 1, 10_000);
        assertTrue(Sampler.instance().awaitTicks(1, 10_000));
        long cpu0 = jdkCpuNanos(child);
        long wall0 = System.nanoTime();
        int from = monitor.snapshot().rows().get(0).samples().size() - 1;
        Await.snapshot(monitor, x -> Await.spanSince(x.rows().get(0), from) >= 1500, 20_000);
        assertTrue(Sampler.instance().awaitTicks(1, 10_000));
        long cpu1 = jdkCpuNanos(child);
        long wall1 = System.nanoTime();
        MonitorSnapshot s = monitor.snapshot();
        SeriesSnapshot row = s.rows().get(0);

        double jdk = (cpu1 - cpu0) * 100.0 / (wall1 - wall0);
        double measured = Await.percentSince(row, from);
        assertEquals(jdk, measured, 25, "monitor and ProcessHandle.info() disagree");
        Await.assertAboutOneCore(s, row, from);
        if (Platform.hasProc()) {
            assertTrue(row.lastRssBytes() > 1 << 20, "a JVM has megabytes resident: " + row.lastRssBytes());
        } else {
            assertEquals(-1, row.lastRssBytes(), "memory is unknown without /proc, not made up");
        }
        assertEquals("running", row.state());
        assertEquals(child.pid(), row.id());
    }

    private static long jdkCpuNanos(TestChild child) {
        return child.process().info().totalCpuDuration().orElseThrow().toNanos();
    }

    @Test
    void anIdleChildUsesAlmostNothing() throws Exception {
        TestChild child = TestChild.java("idle", "idle");
        monitor.watchProcess(child);
        int from = Await.snapshot(monitor, s -> s.rows().get(0).samples().size() >= 2, 10_000)
            .rows().get(0).samples().size() - 1;
        MonitorSnapshot s = Await.snapshot(monitor, x -> Await.spanSince(x.rows().get(0), from) >= 1500, 20_000);
        double percent = Await.percentSince(s.rows().get(0), from);
        assertTrue(percent >= 0 && percent < 20, "idle child measured at " + percent + " %");
    }

    @Test
    void exitCodesAndSignalsShowInTheState() throws Exception {
        TestChild exits = TestChild.start("exits", "sh", "-c", "read x; exit 3");
        TestChild killed = TestChild.start("killed", "sleep", "30");
        monitor.watchProcess(exits);
        monitor.watchProcess(killed);
        assertEquals(2, monitor.snapshot().rows().size());
        exits.process().getOutputStream().close();
        killed.kill();
        MonitorSnapshot s = Await.snapshot(monitor, x -> x.rows().stream().noneMatch(SeriesSnapshot::running), 10_000);
        assertEquals("exited(3)", s.rows().get(0).state());
        assertEquals("killed(SIGKILL)", s.rows().get(1).state());
        assertTrue(s.rows().get(1).endMillis() >= s.rows().get(1).startMillis());
    }

    @Test
    void watchingTheSameProcessTwiceGivesOneRow() throws Exception {
        TestChild child = TestChild.start("twice", "sleep", "30");
        monitor.watchProcess(child);
        monitor.watchProcess(child);
        assertEquals(1, monitor.snapshot().rows().size());
    }
}
