package io.procbook.monitor;

import io.procbook.testing.Poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThreadSamplingTest {

    private final RecordingView view = new RecordingView();
    private final CellMonitor monitor = new CellMonitor("thread test", view);
    private final CountDownLatch stop = new CountDownLatch(1);
    private static volatile long sink;

    @AfterEach
    void cleanUp() {
        stop.countDown();
        monitor.close();
    }

    private Thread spinner(String name) {
        Thread t = new Thread(() -> {
            long x = 1;
            while (stop.getCount() > 0) {
                for (int i = 0; i < 100_000; i++) x = x * 31 + i;
                sink = x;
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private Thread sleeper(String name) {
        Thread t = new Thread(() -> {
            try {
                stop.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    @Test
    void aBusyThreadShowsAtAboutOneCore() throws Exception {
        Thread busy = spinner("spinner");
        busy.start();
        monitor.watchThread(busy);
        int from = Await.snapshot(monitor, s -> s.rows().size() == 1 && s.rows().get(0).samples().size() >= 2, 10_000)
            .rows().get(0).samples().size() - 1;
        MonitorSnapshot s = Await.snapshot(monitor, x -> Await.spanSince(x.rows().get(0), from) >= 1500, 20_000);
        SeriesSnapshot row = s.rows().get(0);
        Await.assertAboutOneCore(s, row, from);
        assertEquals(SeriesSnapshot.Kind.THREAD, row.kind());
        assertEquals("spinner", row.name());
    }

    @Test
    void aFilterFindsThreadsStartedLaterAndIdleThreadsGetNoRow() throws Exception {
        monitor.watchThreads(t -> t.getName().startsWith("cell-7-"));
        Thread idle = sleeper("cell-7-idle");
        Thread busy = spinner("cell-7-busy");
        Thread other = spinner("not-mine");
        idle.start();
        busy.start();
        other.start();
        MonitorSnapshot s = Await.snapshot(monitor, x -> x.rows().size() == 1 && x.rows().get(0).cpuNanos() > 300_000_000L,
                                           20_000);
        assertEquals("cell-7-busy", s.rows().get(0).name());
        assertTrue(s.total().cpuNanos() >= s.rows().get(0).cpuNanos());
        stop.countDown();
        busy.join(10_000);
        monitor.finish();
        MonitorSnapshot after = Await.snapshot(monitor, x -> !x.live(), 10_000);
        assertEquals("ended", after.rows().get(0).state());
        assertEquals(1, after.rows().size(), "neither the idle nor the foreign thread has a row: " + after.rows());
    }

    @Test
    void aThreadGroupGathersTheThreadsACellStartsAndFiltersAddUp() throws Exception {
        ThreadGroup cell = new ThreadGroup("cell-9");
        // the spinner inherits the group of the thread creating it
        Thread starter = new Thread(cell, () -> spinner("started-by-the-cell").start(), "cell-9-evaluation");
        monitor.watchThreads(CellMonitor.inGroup(cell).and(t -> !t.getName().equals("cell-9-evaluation")));
        monitor.watchThreads(t -> t.getName().equals("named-elsewhere"));
        starter.start();
        starter.join(10_000);
        Thread named = spinner("named-elsewhere");
        named.start();
        Thread outsider = spinner("outsider");
        outsider.start();
        MonitorSnapshot s = Await.snapshot(monitor, x -> x.rows().size() == 2, 20_000);
        assertEquals(java.util.Set.of("started-by-the-cell", "named-elsewhere"),
                     java.util.Set.of(s.rows().get(0).name(), s.rows().get(1).name()));
        assertTrue(Sampler.instance().awaitTicks(4, 10_000));
        assertEquals(2, monitor.snapshot().rows().size(), "the outsider never joins");
    }

    @Test
    void aSharedThreadStillRunningWhenTheCodeReturnsDoesNotHoldBackTheSummary() throws Exception {
        // A common-pool worker that worked for the cell and spins on for someone else as the cell returns.
        Thread shared = spinner("shared-worker");
        Thread own = spinner("own-worker");
        monitor.watchSharedThreads(t -> t == shared);
        monitor.watchThreads(t -> t == own);
        shared.start();
        MonitorSnapshot s = Await.snapshot(monitor, x -> x.rows().size() == 1, 20_000);
        assertEquals("shared-worker", s.rows().get(0).name());
        monitor.finish();
        assertTrue(monitor.isDone(), "finish() left the summary though the shared thread still runs");
        MonitorSnapshot after = monitor.snapshot();
        assertEquals("ended", after.rows().get(0).state(), "its row ends with the cell's code");
        assertTrue(shared.isAlive());
        assertEquals(1, after.rows().size(), "and no thread is found after finish(): " + after.rows());
    }

    @Test
    void aThreadOfTheCellStillRunningWhenTheCodeReturnsKeepsTheMonitorLive() throws Exception {
        Thread own = spinner("own-background-worker");
        monitor.watchThreads(t -> t == own);
        own.start();
        Await.snapshot(monitor, x -> x.rows().size() == 1, 20_000);
        monitor.finish();
        assertFalse(monitor.isDone(), "a background thread of the cell is its work");
        assertTrue(monitor.snapshot().live(), () -> "live while it runs: " + monitor.snapshot());
        stop.countDown();
        own.join(10_000);
        Await.snapshot(monitor, x -> x.rows().get(0).state().equals("ended"), 20_000);
        Await.snapshot(monitor, x -> !x.live() && monitor.isDone(), 20_000);
    }

    @Test
    void aThreadWaitingInABlockingAcceptDoesNotHoldBackTheSummary() throws Exception {
        // Runnable to the JVM while it waits in the accept system call, as the runtime's output pumps in reads.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread waiter = new Thread(() -> {
                try {
                    server.accept().close();
                } catch (IOException closed) {
                    // the test closes the socket
                }
            }, "cell-5-waiter");
            waiter.setDaemon(true);
            Thread busy = spinner("cell-5-busy");
            monitor.watchThreads(t -> t.getName().startsWith("cell-5-"));
            waiter.start();
            busy.start();
            Await.snapshot(monitor, x -> x.rows().size() == 1 && x.rows().get(0).cpuNanos() > 200_000_000L, 20_000);
            stop.countDown();
            busy.join(10_000);
            monitor.finish();
            assertTrue(monitor.isDone(), "finish() left the summary though a thread of the cell waits in accept");
            assertEquals(Thread.State.RUNNABLE, waiter.getState());
            assertFalse(monitor.snapshot().live());
        }
    }

    @Test
    void aThreadStartedJustBeforeTheCodeReturnsIsStillItsWork() throws Exception {
        monitor.watchThreads(t -> t.getName().equals("started-last"));
        Thread late = spinner("started-last");
        late.start();
        monitor.finish();
        assertFalse(monitor.isDone(), "a thread the code started and left spinning is its work");
        assertTrue(monitor.snapshot().live());
        stop.countDown();
        late.join(10_000);
        Await.snapshot(monitor, x -> !x.live() && monitor.isDone(), 20_000);
    }

    @Test
    void aViewThatShowsNoPicturesGetsTheSummaryWithoutAPng() throws Exception {
        RecordingView console = new RecordingView(false);
        try (CellMonitor text = new CellMonitor("text only", console)) {
            Thread busy = spinner("text-only-busy");
            busy.start();
            text.watchThread(busy);
            Await.snapshot(text, x -> x.rows().size() == 1 && x.total().cpuNanos() > 300_000_000L, 20_000);
            stop.countDown();
            busy.join(10_000);
            text.finish();
            Map<String, Object> summary = console.last();
            assertTrue(MonitorBundles.isSummary(summary) && summary.containsKey(MonitorBundles.SVG), summary.keySet()::toString);
            assertFalse(summary.containsKey(MonitorBundles.PNG), "no Java2D for a view that shows no pictures");
        }
    }

    @Test
    void aThreadThatComputedUpToTheEndAndNowWaitsDoesNotHoldBackTheSummary() throws Exception {
        // An executor's worker: busy until the code's last task is done, then idle but alive.
        CountDownLatch idle = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            long x = 1;
            while (stop.getCount() > 0) {
                for (int i = 0; i < 100_000; i++) x = x * 31 + i;
                sink = x;
            }
            idle.countDown();
            try {
                new CountDownLatch(1).await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "executor-worker");
        worker.setDaemon(true);
        monitor.watchThreads(t -> t == worker);
        worker.start();
        Await.snapshot(monitor, x -> x.rows().size() == 1, 20_000);
        stop.countDown();
        assertTrue(idle.await(10, TimeUnit.SECONDS));
        Poll.until("the worker to wait", () -> worker.getState() == Thread.State.TIMED_WAITING, 10_000);
        monitor.finish();
        assertTrue(monitor.isDone(), "the summary is there as the code returns");
        assertEquals("waiting", monitor.snapshot().rows().get(0).state());
        worker.interrupt();
    }
}
