package io.procbook.shell;

import io.procbook.testing.Poll;
import java.time.Duration;

import io.procbook.monitor.Monitor;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The engine gives a cell one live monitor display when it starts processes or busy threads, and no other. */
class MonitorWiringTest extends SharedEngine {

    @AfterEach
    void cleanUp() throws Exception {
        TestGate.open();
        FakeChild.killAll();
        TestGate.close();
        engine.execute("%monitor auto", new RecordingOutput(), false);
    }

    private static ExecuteOutcome run(String code, RecordingOutput out) {
        return engine.execute(code, out, false);
    }

    /** The final summary (a chart, or one line for work that did almost nothing), not the live table. */
    private static boolean isSummary(RecordingOutput.Shown s) {
        return String.valueOf(s.data().get("text/plain")).startsWith("procbook monitor \u00b7 finished");
    }

    /** One display_data, then only update_display_data of that same display. */
    private static void assertOneDisplay(List<RecordingOutput.Shown> shown) {
        assertFalse(shown.isEmpty());
        assertFalse(shown.get(0).update(), "first a display_data");
        String id = shown.get(0).displayId();
        assertNotNull(id);
        for (RecordingOutput.Shown s : shown.subList(1, shown.size())) {
            assertTrue(s.update(), "then updates only");
            assertEquals(id, s.displayId());
        }
        for (RecordingOutput.Shown s : shown) assertTrue(s.data().containsKey("text/plain"), "a console form too");
    }

    @Test
    void plainCellsGetNoMonitor() {
        RecordingOutput ok = new RecordingOutput();
        assertEquals("ok", run("1 + 1", ok).status());
        RecordingOutput failed = new RecordingOutput();
        assertEquals("error", run("throw new IllegalStateException(\"no\");", failed).status());
        RecordingOutput idleThread = new RecordingOutput();
        assertEquals("ok", run("Thread idle = new Thread(() -> { });\nidle.start();\nidle.join();", idleThread).status());
        assertEquals(List.of(), ok.displays);
        assertEquals(List.of(), failed.displays);
        assertEquals(List.of(), idleThread.displays);
    }

    @Test
    void aBusyChildGetsALiveDisplayThatEndsAsASummary() throws Exception {
        RecordingOutput out = new RecordingOutput();
        assertEquals("ok", run("var busyChild = io.procbook.shell.FakeChild.busy();", out).status());
        FakeChild child = FakeChild.STARTED.get(0);
        Poll.until("a live update", () -> out.displays.size() >= 2, Duration.ofSeconds(20));
        assertFalse(isSummary(out.displays.get(0)), "live while the child runs");
        child.endInput();
        Poll.until("the summary", () -> out.displays.stream().anyMatch(MonitorWiringTest::isSummary), Duration.ofSeconds(20));
        child.onExit().get(20, TimeUnit.SECONDS);
        assertOneDisplay(out.displays);
        String summary = String.valueOf(out.displays.get(out.displays.size() - 1).data().get("text/plain"));
        assertTrue(summary.contains(String.valueOf(child.pid())), summary);
    }

    @Test
    void aChildThatEndedInTheCellLeavesItsSummaryBeforeTheCellReturns() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("var quick = io.procbook.shell.FakeChild.busy();\nquick.endInput();\nquick.onExit().join();", out);
        assertEquals("ok", o.status(), o::toString);
        assertOneDisplay(out.displays);
        assertTrue(isSummary(out.displays.get(out.displays.size() - 1)), "the summary is there when the cell returns");
    }

    @Test
    void aPoolUsedInALaterCellShowsItsWorkersThereAndLetsItsOwnCellFinish() throws Exception {
        RecordingOutput made = new RecordingOutput();
        assertEquals("ok", run("var sharedPool = new Pool(2);", made).status());
        // The pool's cell is done once its workers are idle: its table ends though the pool lives on.
        Poll.until("the pool cell's summary", () -> !made.displays.isEmpty()
                && isSummary(made.displays.get(made.displays.size() - 1)), Duration.ofSeconds(20));
        int madeShown = made.displays.size();
        RecordingOutput used = new RecordingOutput();
        ExecuteOutcome o = run("""
                long spinFor(long millis) {
                    long end = System.nanoTime() + millis * 1_000_000, x = 0;
                    while (System.nanoTime() < end) x++;
                    return x;
                }
                sharedPool.map(i -> spinFor(400), List.of(1, 2), 1);
                """, used);
        assertEquals("ok", o.status(), o::toString);
        assertOneDisplay(used.displays);
        RecordingOutput.Shown last = used.displays.get(used.displays.size() - 1);
        assertTrue(isSummary(last), "the summary is there when the cell returns: " + last.data().get("text/plain"));
        String summary = String.valueOf(last.data().get("text/plain"));
        assertTrue(summary.contains("idle"), "the workers live on, idle: " + summary);
        assertEquals(madeShown, made.displays.size(), "the pool's own cell is not updated by a later cell's work");
        assertEquals("ok", run("sharedPool.close(); sharedPool.join();", new RecordingOutput()).status());
    }

    @Test
    void shellCommandsAreWatchedOnlyWithMonitorOn() {
        String cell = "var command = io.procbook.shell.FakeChild.busyCommand();\ncommand.endInput();\ncommand.onExit().join();";
        assertEquals(List.of(), ranOk(cell).displays);
        ranOk("%monitor on");
        List<RecordingOutput.Shown> shown = ranOk(cell).displays;
        assertOneDisplay(shown);
        assertTrue(isSummary(shown.get(shown.size() - 1)));
        assertTrue(text(shown).contains(String.valueOf(FakeChild.STARTED.get(1).pid())), () -> text(shown));
    }

    @Test
    void aBusyThreadOfTheCellIsShown() throws Exception {
        RecordingOutput out = new RecordingOutput();
        // Run from a common-pool thread on purpose: the cell's parallel-stream workers are watched, but the
        // engine thread that compiles the cell is not the cell's work.
        CompletableFuture<ExecuteOutcome> outcome = CompletableFuture.supplyAsync(() -> run("""
                Runnable spin = () -> { long x = 0; while (!io.procbook.shell.TestGate.isOpen()) x++; };
                Thread one = new Thread(spin, "spinner-1"), two = new Thread(spin, "spinner-2");
                one.start(); two.start();
                one.join(); two.join();
                """, out));
        Poll.until("both spinners", () -> !out.displays.isEmpty() && text(out).contains("2 busy threads"), Duration.ofSeconds(20));
        assertTrue(text(out).contains("spinner-1") && text(out).contains("spinner-2"), () -> text(out));
        assertFalse(text(out).contains("ForkJoinPool"), () -> text(out));
        TestGate.open();
        assertEquals("ok", outcome.get(20, TimeUnit.SECONDS).status());
        assertOneDisplay(out.displays);
        assertTrue(isSummary(out.displays.get(out.displays.size() - 1)), "the summary is there when the cell returns");
    }

    @Test
    void aBusyThreadOfAnEarlierCellIsNotTheNextCellsWork() throws Exception {
        ranOk("""
                Thread earlierSpinner = new Thread(() -> { long x = 0; while (!io.procbook.shell.TestGate.isOpen()) x++; }, "spinner-of-the-earlier-cell");
                earlierSpinner.start();
                """);
        RecordingOutput out = new RecordingOutput();
        CompletableFuture<ExecuteOutcome> outcome = CompletableFuture.supplyAsync(() -> run("""
                Thread mine = new Thread(() -> { long x = 0; while (!io.procbook.shell.TestGate.isOpen()) x++; }, "spinner-of-this-cell");
                mine.start();
                mine.join();
                """, out));
        Poll.until("this cell's spinner", () -> !out.displays.isEmpty() && text(out).contains("spinner-of-this-cell"), Duration.ofSeconds(20));
        assertTrue(text(out).contains("1 busy thread"), () -> text(out));
        assertFalse(text(out).contains("spinner-of-the-earlier-cell"), () -> text(out));
        TestGate.open();
        assertEquals("ok", outcome.get(20, TimeUnit.SECONDS).status());
        ranOk("earlierSpinner.join();");
    }

    private static String text(RecordingOutput out) {
        return text(out.displays);
    }

    private static String text(List<RecordingOutput.Shown> shown) {
        return String.valueOf(shown.get(shown.size() - 1).data().get("text/plain"));
    }

    /** Runs a cell that must succeed; returns its output. */
    private static RecordingOutput ranOk(String code) {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run(code, out);
        assertEquals("ok", o.status(), o::toString);
        return out;
    }

    @Test
    void monitorOnShowsItInEveryCellAndOffInNone() {
        assertOneDisplay(ranOk("%monitor on").displays);
        assertOneDisplay(ranOk("1 + 1").displays);
        ranOk("%monitor off");
        assertFalse(Monitor.isEnabled());
        assertEquals(List.of(), ranOk("var unwatched = io.procbook.shell.FakeChild.busy();\nunwatched.endInput();\nunwatched.onExit().join();").displays);
    }

    @Test
    void monitorAutoGoesBackToTheDefaultAfterOffAndAfterOn() {
        String childCell = "var autoChild = io.procbook.shell.FakeChild.busy();\nautoChild.endInput();\nautoChild.onExit().join();";
        ranOk("%monitor off");
        assertEquals(List.of(), ranOk(childCell).displays);
        assertEquals("Monitor auto.\n", ranOk("%monitor auto").stdout());
        assertTrue(Monitor.isEnabled());
        List<RecordingOutput.Shown> shown = ranOk(childCell).displays;
        assertOneDisplay(shown);
        assertTrue(isSummary(shown.get(shown.size() - 1)), "a cell that starts a process shows the monitor again");
        ranOk("%monitor on");
        assertOneDisplay(ranOk("1 + 1").displays);
        ranOk("%monitor auto");
        assertEquals(List.of(), ranOk("1 + 1").displays, "a plain cell shows none again");
    }

    @Test
    void monitorAutoWatchesTheRestOfTheCellThatSwitchesItBackOn() {
        ranOk("%monitor off");
        List<RecordingOutput.Shown> shown = ranOk("%monitor auto\nvar sameCell = io.procbook.shell.FakeChild.busy();\n"
                + "sameCell.endInput();\nsameCell.onExit().join();").displays;
        assertOneDisplay(shown);
        assertTrue(isSummary(shown.get(shown.size() - 1)));
    }

    @Test
    void monitorShowFromCodeOpensTheDisplay() {
        assertOneDisplay(ranOk("io.procbook.monitor.Monitor.show();").displays);
        List<RecordingOutput.Shown> again = ranOk("io.procbook.monitor.Monitor.showSummary();").displays;
        assertEquals(1, again.size());
        assertTrue(isSummary(again.get(0)));
    }

    @Test
    void theMonitorsTypesNeedNoImportAndACellMayStillNameATypeLikeOne() {
        RecordingOutput out = new RecordingOutput();
        ExecuteOutcome o = run("""
                MonitorSnapshot snap = Monitor.snapshot();
                List<SeriesSnapshot> rows = snap.rows(SeriesSnapshot.Kind.PROCESS);
                List<Sample> samples = snap.total().samples();
                snap.cores() + rows.size() * 0 + samples.size() * 0
                """, out);
        assertEquals("ok", o.status(), o::toString);
        assertEquals(String.valueOf(Runtime.getRuntime().availableProcessors()), o.result().get("text/plain"));
        assertEquals("ok", run("record Sample(int x) { }", new RecordingOutput()).status());
        ExecuteOutcome mine = run("new Sample(3).x()", new RecordingOutput());
        assertEquals("3", mine.result().get("text/plain"), mine::toString);
    }
}
