package io.procbook.mp.spi;

import io.procbook.mp.spi.ProgressState.Phase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The words and numbers a progress bar shows, computed from counts and an elapsed time (no clock involved). */
class ProgressStateTest {

    private static final long S = 1_000_000_000L;

    private static ProgressState running(long done, long total, long elapsedNanos) {
        return new ProgressState("squares", done, 0, total, elapsedNanos, Phase.RUNNING, null);
    }

    @Test
    void aRunningBarShowsPercentCountsElapsedEtaAndRate() {
        ProgressState s = running(25, 100, 5 * S);
        assertEquals(0.25, s.fraction());
        assertEquals(5.0, s.rate(), 1e-9);
        assertEquals(15 * S, s.remainingNanos());
        assertEquals("squares  25% |#####---------------| 25/100  elapsed 5.0 s, ETA 15.0 s, 5.0 items/s", s.text());
    }

    @Test
    void theFinalStateGivesTheTotalTimeAndRate() {
        ProgressState s = new ProgressState("squares", 100_000, 0, 100_000, 8_100_000_000L, Phase.DONE, null);
        assertEquals("squares 100% |####################| 100000/100000  done in 8.1 s, 12.3k items/s", s.text());
        assertEquals(0, s.remainingNanos());
        assertFalse(s.isFailure());
    }

    @Test
    void failuresAreSaid() {
        ProgressState failed = new ProgressState("map", 30, 10, 100, 3 * S, Phase.FAILED, "IOException: gone");
        assertTrue(failed.isFailure());
        assertEquals("map  40% |########------------| 40/100, 10 failed  FAILED after 3.0 s: IOException: gone",
                failed.text());
        ProgressState someFailed = new ProgressState("", 98, 2, 100, 2 * S, Phase.DONE, "IOException: gone");
        assertTrue(someFailed.isFailure());
        assertEquals("done in 2.0 s, 50.0 items/s; first failure: IOException: gone", someFailed.details());
        ProgressState stillRunning = new ProgressState("", 8, 2, 100, 2 * S, Phase.RUNNING, "IOException: gone");
        assertEquals("10/100, 2 failed", stillRunning.counts());
        assertFalse(stillRunning.details().contains("IOException"), "the failure is told at the end");
        ProgressState stopped = new ProgressState("", 37, 0, 100, 3 * S, Phase.STOPPED, null);
        assertEquals("stopped after 3.0 s, 12.3 items/s", stopped.details());
    }

    @Test
    void anUnknownTotalShowsCountsRateAndElapsedOnly() {
        ProgressState s = new ProgressState("rows", 1234, 0, -1, 3 * S, Phase.RUNNING, null);
        assertTrue(Double.isNaN(s.fraction()));
        assertEquals(-1, s.remainingNanos());
        assertEquals("", s.percent());
        assertEquals("rows 1234 items  elapsed 3.0 s, 411 items/s", s.text());
    }

    @Test
    void durationsReadAsSecondsThenMinutesThenHours() {
        assertEquals("elapsed 0.0 s", running(0, 10, 99_999_999).details(), "nothing done: no ETA, no rate");
        assertEquals("elapsed 59.9 s, ETA 59.9 s, 1.0 items/s", running(60, 120, 59_999_999_999L).details());
        assertEquals("elapsed 1 min 05 s, ETA 1 min 05 s, 65.0 s/item", running(1, 2, 65 * S).details());
        assertEquals("elapsed 1 h 02 min, ETA 1 h 02 min, 3725.0 s/item", running(1, 2, 3725 * S).details());
    }

    @Test
    void ratesReadAsItemsPerSecondOrSecondsPerItem() {
        assertEquals("elapsed 5.0 s, ETA 5.0 s, 2.5 s/item", running(2, 4, 5 * S).details());
        assertTrue(running(999, 2000, S / 10).details().endsWith(", 9990 items/s"));
        assertTrue(running(1234, 2000, S / 10).details().endsWith(", 12.3k items/s"));
        assertTrue(running(1_500_000, 3_000_000, S).details().endsWith(", 1.5M items/s"));
        assertTrue(running(5, 10, S).details().endsWith(", 5.0 items/s"));
        assertTrue(running(150, 300, S).details().endsWith(", 150 items/s"));
    }

    @Test
    void aTotalOfZeroIsComplete() {
        ProgressState s = new ProgressState("", 0, 0, 0, 0, Phase.DONE, null);
        assertEquals(1.0, s.fraction());
        assertEquals("100% |####################| 0/0  done in 0.0 s", s.text());
    }

    @Test
    void aLineTooLongForTheFailureLeavesOutTheRateBeforeCuttingAnything() {
        ProgressState s = new ProgressState("inv", 196, 4, 200, 300_000_000L, Phase.DONE,
                "ArithmeticException: / by zero");
        assertEquals("done in 0.3 s, 667 items/s; first failure: ArithmeticException: / by zero", s.details());
        assertEquals("inv 100% |####################| 200/200, 4 failed  done in 0.3 s; ArithmeticException: / by zero",
                s.text());
    }

    @Test
    void aLongLineIsCutAtOneHundredCharacters() {
        String failure = "IllegalStateException: " + "x".repeat(200);
        ProgressState s = new ProgressState("a description", 5, 1, 10, S, Phase.FAILED, failure);
        String text = s.text();
        assertEquals(ProgressState.TEXT_WIDTH, text.length());
        assertTrue(text.startsWith("a description  60% |############--------| 6/10, 1 failed  FAILED after 1.0 s: I"), text);
        assertTrue(text.endsWith("\u2026"), text);
    }

    @Test
    void badStatesAreRefused() {
        assertThrows(NullPointerException.class, () -> new ProgressState(null, 0, 0, 1, 0, Phase.RUNNING, null));
        assertThrows(NullPointerException.class, () -> new ProgressState("", 0, 0, 1, 0, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ProgressState("", -1, 0, 1, 0, Phase.RUNNING, null));
        assertThrows(IllegalArgumentException.class, () -> new ProgressState("", 0, 0, -2, 0, Phase.RUNNING, null));
        assertThrows(IllegalArgumentException.class, () -> new ProgressState("", 0, 0, 1, -1, Phase.RUNNING, null));
    }
}
