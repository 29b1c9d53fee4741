package io.procbook.mp;

import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressState.Phase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** A bar counts, redraws at most five times a second by its clock, and always ends showing its final state. */
class ProgressBarTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * S);
    private final RecordingProgress shown = new RecordingProgress();

    private Progress progress(String description) {
        return Progress.bar(description).withClock(now::get).withHost(shown);
    }

    @Test
    void aStartedBarShowsAtOnceAndEndsByItselfWithTheLastItem() {
        ProgressBar bar = progress("squares").start(4);
        assertEquals(1, shown.states.size(), "shown at once");
        assertEquals("squares   0% |--------------------| 0/4  elapsed 0.0 s", shown.last().text());
        now.addAndGet(S);
        bar.advance();
        assertEquals("squares  25% |#####---------------| 1/4  elapsed 1.0 s, ETA 3.0 s, 1.0 items/s", shown.last().text());
        now.addAndGet(S);
        bar.advance(3);
        assertTrue(bar.isEnded());
        assertEquals("squares 100% |####################| 4/4  done in 2.0 s, 2.0 items/s", shown.last().text());
        now.addAndGet(S);
        bar.advance();
        bar.close();
        assertEquals(3, shown.states.size(), "nothing after the end");
        assertEquals(4, bar.state().done());
        assertEquals(2 * S, bar.state().elapsedNanos(), "the time stops at the end");
        assertEquals(1, shown.opened.get());
    }

    @Test
    void redrawsAtMostFiveTimesASecondButAlwaysShowsTheFinalState() {
        ProgressBar bar = progress("tight loop").start(1000);
        for (int i = 0; i < 1000; i++) {
            now.addAndGet(MS);
            bar.advance();
        }
        List<Long> counts = shown.states.stream().map(ProgressState::done).toList();
        assertEquals(List.of(0L, 200L, 400L, 600L, 800L, 1000L), counts);
        assertEquals(1, shown.finals());
        assertTrue(shown.last().isFinal());
        for (int i = 1; i < shown.states.size() - 1; i++) {
            long gap = shown.states.get(i).elapsedNanos() - shown.states.get(i - 1).elapsedNanos();
            assertTrue(gap >= 200 * MS, "redraws 200 ms apart at least, not " + gap);
        }
    }

    @Test
    void failedItemsAreCountedAndTheEndSaysHowManyAndTheFirstWhy() {
        ProgressBar bar = progress("files").start(5);
        bar.advance(2);
        bar.fail(new java.io.UncheckedIOException(new java.io.IOException("gone")));
        bar.fail(2, new IllegalStateException("second"));
        ProgressState end = shown.last();
        assertEquals(Phase.DONE, end.phase());
        assertEquals(2, end.done());
        assertEquals(3, end.failed());
        assertTrue(end.isFailure());
        assertEquals("UncheckedIOException: java.io.IOException: gone", end.failure());
        assertTrue(end.text().contains("5/5, 3 failed  done in 0.0 s"), end.text());
    }

    @Test
    void abortEndsAsFailedNamingTheTasksExceptionNotItsWrappers() {
        ProgressBar bar = progress("map").start(100);
        bar.advance(30);
        now.addAndGet(3 * S);
        RemoteTaskException remote = new RemoteTaskException("java.lang.ArithmeticException", "/ by zero\nmore lines");
        bar.abort(new TaskFailedException(remote));
        ProgressState end = shown.last();
        assertEquals(Phase.FAILED, end.phase());
        assertEquals("ArithmeticException: / by zero", end.failure());
        assertEquals("map  30% |######--------------| 30/100  FAILED after 3.0 s: ArithmeticException: / by zero",
                end.text());
        bar.advance(70);
        assertEquals(Phase.FAILED, bar.state().phase(), "the end is the end");
        assertEquals(30, bar.state().done());
    }

    @Test
    void closingEarlyShowsWhereTheWorkStopped() {
        ProgressBar bar = progress("rows").start(10);
        bar.advance(4);
        now.addAndGet(2 * S);
        bar.close();
        assertEquals(Phase.STOPPED, shown.last().phase());
        assertEquals("rows  40% |########------------| 4/10  stopped after 2.0 s, 2.0 items/s", shown.last().text());
        bar.close();
        assertEquals(1, shown.finals(), "idempotent");
    }

    @Test
    void anUnknownTotalEndsWithClose() {
        ProgressBar bar = progress("lines").start();
        bar.advance(1000);
        now.addAndGet(4 * S);
        bar.advance(1000);
        assertFalse(bar.isEnded());
        bar.close();
        assertEquals("lines 2000 items  done in 4.0 s, 500 items/s", shown.last().text());
        assertEquals(-1, bar.total());
    }

    @Test
    void aBarOfNothingEndsAtOnce() {
        ProgressBar bar = progress("nothing").start(0);
        assertTrue(bar.isEnded());
        assertEquals(List.of(Phase.DONE), shown.states.stream().map(ProgressState::phase).toList());
    }

    @Test
    void noneCountsButShowsNothing() {
        ProgressBar bar = Progress.none().start(3);
        bar.advance(3);
        assertTrue(bar.isEnded());
        assertEquals(3, bar.state().done());
        assertFalse(Progress.none().isEnabled());
        assertEquals("Progress.none()", Progress.none().toString());
    }

    @Test
    void aBrokenDisplayIsTurnedOffAndTheWorkGoesOn() {
        AtomicInteger calls = new AtomicInteger();
        Progress p = Progress.bar("x").withClock(now::get).withHost(() -> state -> {
            calls.incrementAndGet();
            throw new IllegalStateException("display gone");
        });
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            ProgressBar bar = p.start(10);
            now.addAndGet(S);
            bar.advance(5);
            bar.advance(5);
            assertTrue(bar.isEnded());
        } finally {
            System.setErr(err);
        }
        assertEquals(1, calls.get(), "not asked again");
        assertTrue(captured.toString().contains("progress display turned off"), captured.toString());
    }

    @Test
    void manyThreadsCountExactlyAndTheFinalStateIsDrawnOnceAndLast() throws Exception {
        AtomicLong ticking = new AtomicLong();
        ProgressBar bar = Progress.bar("threads").withClock(() -> ticking.addAndGet(10_000)).withHost(shown).start(40_000);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < 10_000; i++) bar.advance();
            });
            th.start();
            threads.add(th);
        }
        go.countDown();
        for (Thread th : threads) th.join();
        assertTrue(bar.isEnded());
        assertEquals(1, shown.finals());
        assertTrue(shown.last().isFinal());
        assertEquals(40_000, shown.last().done());
        assertTrue(shown.states.size() > 2, "redrawn while counting: " + shown.states.size());
        assertFalse(shown.overlapped, "one drawing at a time");
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> progress("x").start(-1));
        ProgressBar bar = progress("x").start(3);
        assertThrows(IllegalArgumentException.class, () -> bar.advance(-1));
        assertThrows(IllegalArgumentException.class, () -> bar.fail(-1, null));
        assertThrows(NullPointerException.class, () -> Progress.bar(null));
        assertEquals(1, shown.states.size());
    }

    @Test
    void descriptionsAreOneLineAndShort() {
        assertEquals("two lines", Progress.bar("two\nlines").description());
        assertEquals(40, Progress.bar("x".repeat(100)).description().length());
        assertEquals("", Progress.bar().description());
        assertEquals("Progress.bar(\"squares\")", Progress.bar("squares").toString());
    }
}
