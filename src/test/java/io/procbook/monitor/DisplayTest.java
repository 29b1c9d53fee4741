package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.spi.ChildProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DisplayTest {

    private final RecordingView view = new RecordingView();
    private final CellMonitor monitor = new CellMonitor("display test", view);
    private final CountDownLatch busy = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    private static volatile long sink;

    @AfterEach
    void cleanUp() throws Exception {
        busy.countDown();
        stop.countDown();
        monitor.close();
        TestChild.killAllAndAssertGone();
    }

    @Test
    void oneShowThenUpdatesAtMostFourPerSecondAndNoneWithoutChange() throws Exception {
        Thread worker = new Thread(() -> {
            try {
                busy.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            long x = 1;
            while (stop.getCount() > 0) {
                for (int i = 0; i < 100_000; i++) x = x * 31 + i;
                sink = x;
            }
        }, "worker");
        worker.setDaemon(true);
        worker.start();
        monitor.watchThread(worker);
        monitor.show();
        assertEquals(1, view.shows());
        assertTrue(Sampler.instance().awaitTicks(8, 10_000), "sampler ticks");
        assertEquals(0, view.updates(), "nothing changed while the thread waited");

        busy.countDown();
        view.awaitCalls(8, 20_000);
        // End the work right after an update, so that the final summary is due within the update interval.
        view.awaitCalls(view.calls().size() + 1, 20_000);
        stop.countDown();
        worker.join(10_000);
        monitor.finish();
        Map<String, Object> last = view.last();
        assertTrue(MonitorBundles.isSummary(last), "finish() returns with the summary shown (a cell's reply follows it)");
        assertNotNull(last.get(MonitorBundles.PNG), "a second of a busy thread is worth a chart");
        assertTrue(String.valueOf(last.get(MonitorBundles.HTML)).contains("<img src=\"data:image/png;base64,"),
                   "summary HTML shows the chart");

        List<RecordingView.Call> calls = view.calls();
        assertEquals(1, calls.stream().filter(RecordingView.Call::show).count());
        assertTrue(calls.get(0).show(), "show comes first");
        List<RecordingView.Call> updates = calls.stream().filter(c -> !c.show()).toList();
        // At most four a second, the final summary included: every update comes 250 ms or more after the one
        // before, as received (the monitor waits from the end of one call to the start of the next).
        for (int i = 1; i < updates.size(); i++) {
            double gap = (updates.get(i).nanos() - updates.get(i - 1).nanos()) / 1e6;
            assertTrue(gap >= CellMonitor.MIN_UPDATE_MILLIS, "updates " + (i - 1) + " and " + i + " of "
                    + updates.size() + " came " + gap + " ms apart" + (i == updates.size() - 1 ? " (the summary)" : ""));
        }
        for (int i = 1; i < calls.size(); i++) {
            assertFalse(calls.get(i).bundle().equals(calls.get(i - 1).bundle()), "an update repeated the content");
        }
    }

    @Test
    void manyProcessesShareOneDisplay() throws Exception {
        for (int i = 0; i < 4; i++) monitor.watchProcess(TestChild.start("Worker-" + i, "sleep", "30"));
        Map<String, Object> all = view.awaitLast(b -> String.valueOf(b.get(MonitorBundles.TEXT)).contains("4 processes"), 10_000);
        String html = String.valueOf(all.get(MonitorBundles.HTML));
        for (int i = 0; i < 4; i++) assertTrue(html.contains("Worker-" + i), "row of Worker-" + i);
        String limit = "of " + Runtime.getRuntime().availableProcessors() * 100 + " %";
        assertTrue(html.contains(limit) && String.valueOf(all.get(MonitorBundles.TEXT)).contains(limit), "total against the cores");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("class=\""),
                    "self-contained: inline styles, no scripts or stylesheets");
        assertEquals(1, view.shows());
    }

    @Test
    void whenIdleProcessesEndTheSummaryIsOneLineThatSaysHowTheyEnded() throws Exception {
        List<TestChild> children = List.of(TestChild.start("A", "sleep", "30"), TestChild.start("B", "sleep", "30"),
                                           TestChild.start("C", "sleep", "30"));
        for (TestChild c : children) monitor.watchProcess(c);
        view.awaitCalls(1, 10_000);
        for (TestChild c : children) c.kill();
        Map<String, Object> summary = view.awaitSummary(10_000);
        String text = String.valueOf(summary.get(MonitorBundles.TEXT));
        assertTrue(text.contains("3 processes: killed(SIGKILL)") && !text.contains("\n"), text);
        assertEquals(List.of(MonitorBundles.TEXT, MonitorBundles.HTML), List.copyOf(summary.keySet()), "no chart of sleeping processes");
    }

    @Test
    void namesAreEscapedInHtmlTextAndSvg() throws Exception {
        String evil = "<img src=x onerror=alert(1)>&\"'";
        TestChild child = TestChild.start(evil, "sleep", "30");
        monitor.watchProcess(child);
        view.awaitCalls(1, 10_000);
        String live = String.valueOf(view.last().get(MonitorBundles.HTML));
        assertFalse(live.contains("<img"), "raw name in the HTML");
        assertTrue(live.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;"), "escaped name in the HTML");
        child.kill();
        Map<String, Object> summary = view.awaitSummary(10_000);
        assertFalse(String.valueOf(summary.get(MonitorBundles.HTML)).contains("<img src=x"));
    }

    @Test
    void finishWithNothingRunningLeavesTheSummaryBeforeReturning() throws Exception {
        TestChild child = TestChild.start("short", "sleep", "30");
        monitor.watchProcess(child);
        view.awaitCalls(1, 10_000);
        child.kill();
        child.onExit().get(10, TimeUnit.SECONDS);
        monitor.finish();
        assertTrue(MonitorBundles.isSummary(view.last()), "summary rendered by finish() itself");
        assertTrue(monitor.isDone());
    }

    @Test
    void finishRightAfterAJoinLeavesTheSummaryEvenBeforeTheMonitorHeardOfTheExit() throws Exception {
        // A joining thread can return (and the cell finish) before the monitor's own action on the exit
        // future has run: they are separate dependents of one future. Model that moment exactly: the child
        // is gone and says so, but the future the monitor listens to completes only at the end.
        TestChild real = TestChild.start("joined", "sleep", "30");
        CompletableFuture<Integer> heardLate = new CompletableFuture<>();
        boolean[] first = {true};
        ChildProcess child = exitingThrough(real, () -> {
            synchronized (first) {
                if (!first[0]) return real.onExit().copy();
                first[0] = false;
                return heardLate;
            }
        });
        monitor.watchProcess(child);
        view.awaitCalls(1, 10_000);
        real.kill();
        real.onExit().get(10, TimeUnit.SECONDS);
        monitor.finish();
        try {
            assertTrue(MonitorBundles.isSummary(view.last()), "summary rendered by finish() itself");
            assertTrue(monitor.isDone());
            assertEquals("killed(SIGKILL)", monitor.snapshot().rows().get(0).state());
        } finally {
            heardLate.complete(real.onExit().get());
        }
    }

    @Test
    void finishWaitsForTheExitCodeOfAChildThatSaysItHasExited() throws Exception {
        // As with the JDK's Process.onExit(): every call gives a new future, completed a moment after the process
        // is gone, on another thread. The cell joined one of them; the monitor's is still pending as it finishes.
        TestChild real = TestChild.start("joined-late", "sleep", "30");
        CompletableFuture<Integer> exitCode = new CompletableFuture<>();
        ChildProcess child = exitingThrough(real, () -> exitCode.thenApply(c -> c));
        monitor.watchProcess(child);
        view.awaitCalls(1, 10_000);
        int watching = exitCode.getNumberOfDependents();
        real.kill();
        real.onExit().get(10, TimeUnit.SECONDS);
        // The code arrives once the finishing monitor asks again: it must wait for it rather than move on.
        Thread late = new Thread(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (exitCode.getNumberOfDependents() <= watching && System.nanoTime() < end) Thread.onSpinWait();
            exitCode.complete(real.onExit().join());
        }, "late-exit-code");
        late.start();
        monitor.finish();
        late.join(20_000);
        assertTrue(MonitorBundles.isSummary(view.last()), "the summary is there when finish() returns");
        assertEquals("killed(SIGKILL)", monitor.snapshot().rows().get(0).state());
    }

    /** {@code real}, alive until it is, but whose {@code onExit()} calls are answered by {@code onExit}. */
    private static ChildProcess exitingThrough(TestChild real, Supplier<CompletableFuture<Integer>> onExit) {
        return new ChildProcess() {
            @Override public String name() { return real.name(); }
            @Override public long pid() { return real.pid(); }
            @Override public Kind kind() { return Kind.PROCESS; }
            @Override public boolean isAlive() { return !real.onExit().isDone(); }
            @Override public void terminate() { real.terminate(); }
            @Override public void kill() { real.kill(); }
            @Override public CompletableFuture<Integer> onExit() { return onExit.get(); }
        };
    }

    @Test
    void aCellThatWatchesNothingShowsNothing() throws Exception {
        monitor.watchThreads(t -> false);
        assertTrue(Sampler.instance().awaitTicks(3, 10_000));
        monitor.finish();
        assertEquals(List.of(), view.calls());
        assertTrue(monitor.isDone());
    }
}
