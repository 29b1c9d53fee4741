package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProcessListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonitorFacadeTest {

    private final RecordingView cellView = new RecordingView();
    private final RecordingView extraView = new RecordingView();
    private final CellMonitor cell = new CellMonitor("cell [1]", cellView);

    @AfterEach
    void cleanUp() throws Exception {
        Monitor.setHost(null);
        Monitor.setEnabled(true);
        cell.close();
        TestChild.killAllAndAssertGone();
    }

    private void installHost() {
        Monitor.setHost(new MonitorHost() {
            @Override public CellMonitor currentCell() { return cell; }
            @Override public MonitorView newView() { return extraView; }
        });
    }

    @Test
    void withoutAKernelShowExplainsWhatToDo() {
        Monitor.setHost(null);
        IllegalStateException e = assertThrows(IllegalStateException.class, Monitor::show);
        assertTrue(e.getMessage().contains("Monitor.console"), e.getMessage());
    }

    @Test
    void showDisplaysTheCurrentCellAndSnapshotAndSummaryFollowIt() throws Exception {
        installHost();
        Monitor.show();
        assertEquals(1, cellView.shows());
        TestChild child = TestChild.start("p", "sleep", "30");
        cell.watchProcess(child);
        MonitorSnapshot s = Await.snapshot(cell, x -> x.rows().size() == 1 && !x.rows().get(0).samples().isEmpty(), 10_000);
        assertEquals(child.pid(), Monitor.snapshot().rows().get(0).id(), "the facade's snapshot is this cell's");
        assertEquals("cell [1]", s.title());
        child.kill();
        cell.finish();
        Await.snapshot(cell, x -> !x.live(), 10_000);
        Monitor.showSummary();
        assertEquals(1, extraView.shows());
        assertTrue(MonitorBundles.isSummary(extraView.last()), "the summary is shown again in a new display");
    }

    @Test
    void switchedOffNothingIsWatchedAndRunningMonitorsStop() throws Exception {
        TestChild child = TestChild.start("p", "sleep", "30");
        cell.watchProcess(child);
        cellView.awaitCalls(1, 10_000);
        Monitor.setEnabled(false);
        assertFalse(Monitor.isEnabled());
        assertTrue(cell.isDone(), "switching off stops the running monitor");
        assertTrue(MonitorBundles.isSummary(cellView.last()), "and leaves its summary");

        CellMonitor later = new CellMonitor("later", new RecordingView());
        later.watchProcess(TestChild.start("q", "sleep", "30"));
        assertEquals(0, later.snapshot().rows().size());
        later.close();
    }

    @Test
    void aConsoleMonitorWatchesEveryStartedChildAndPrintsItsSummary() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TestChild child = TestChild.start("console-child", "sleep", "30");
        List<ProcessListener> before = Hooks.listeners();
        try (ConsoleMonitor console = Monitor.console(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                                                      Duration.ofMillis(100))) {
            List<ProcessListener> added = new ArrayList<>(Hooks.listeners());
            added.removeAll(before);
            assertEquals(1, added.size());
            added.get(0).started(child); // what the runtime does when it starts a child
            MonitorSnapshot s = Await.snapshot(console.monitor(), x -> x.rows().size() == 1, 10_000);
            assertEquals(child.pid(), s.rows().get(0).id());
            child.kill();
            child.onExit().get(10, TimeUnit.SECONDS);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("procbook monitor"), out);
        assertTrue(out.contains("finished") && out.contains("console-child") && out.contains("killed(SIGKILL)"), out);
        assertEquals(before, Hooks.listeners(), "closing removes the console's listener");
    }

    @Test
    void badArgumentsAreRejectedClearly() {
        assertThrows(NullPointerException.class, () -> cell.watchProcess((ChildProcess) null));
        assertThrows(NullPointerException.class, () -> new CellMonitor(null, cellView));
        assertThrows(IllegalArgumentException.class, () -> Monitor.console(System.err, Duration.ZERO));
    }
}
