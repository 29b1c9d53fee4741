package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesTest {

    @Test
    void aReadingAboveTheBoundShowsTheBoundAndKeepsItsCpuTime() {
        Series s = new Series(100, 200);
        s.add(1000, 0, 10);
        s.add(1100, 205_000_000L, 10); // 205 ms in 100 ms on two cores: tick rounding, not a third core
        s.add(1200, 305_000_000L, 10);
        assertEquals(100, s.percent(0), 1e-9);
        assertEquals(200, s.percent(1), 1e-9);
        assertEquals(200, s.spread(10).get(0).cpuPercent(), 1e-9);
        assertEquals(205_000_000L, s.spread(10).get(0).cpuNanos(), "CPU time itself is not changed");
        assertEquals(305_000_000L, s.cpuSinceStart());
    }

    @Test
    void percentIsCpuTimeOverWallTime() {
        Series s = new Series(100);
        s.add(1000, 5_000_000_000L, 10);  // baseline: earlier CPU does not count
        s.add(1250, 5_250_000_000L, 20);  // 250 ms CPU in 250 ms: one core
        s.add(1500, 5_750_000_000L, 30);  // 500 ms in 250 ms: two cores
        List<Sample> samples = s.spread(10);
        assertEquals(2, samples.size());
        assertEquals(200, s.percent(0), 1e-9);
        assertEquals(100, s.percent(1), 1e-9);
        assertEquals(0, s.percent(2), "no interval before the baseline");
        assertEquals(100, samples.get(0).cpuPercent(), 1e-9);
        assertEquals(200, samples.get(1).cpuPercent(), 1e-9);
        assertEquals(750_000_000L, samples.get(1).cpuNanos());
        assertEquals(30, samples.get(1).rssBytes());
        assertEquals(750_000_000L, s.cpuSinceStart());
    }

    @Test
    void aFullHistoryIsThinnedWithoutChangingTheAverage() {
        Series s = new Series(16);
        s.add(0, 0, -1);
        long cpu = 0;
        for (int i = 1; i <= 1000; i++) {
            cpu += (i % 2 == 0 ? 250_000_000L : 0); // alternating 0 % and 100 % per 250 ms
            s.add(i * 250L, cpu, -1);
        }
        List<Sample> all = s.spread(Integer.MAX_VALUE);
        assertTrue(all.size() <= 16, "bounded: " + all.size());
        assertEquals(1000 * 250L, all.get(all.size() - 1).millis(), "the newest point is kept");
        assertEquals(cpu, all.get(all.size() - 1).cpuNanos());
        double weighted = 0;
        long previous = 0;
        for (Sample x : all) {
            weighted += x.cpuPercent() * (x.millis() - previous);
            previous = x.millis();
        }
        assertEquals(50, weighted / previous, 1e-9, "thinning keeps the exact average");
    }

    @Test
    void spreadReturnsAtMostTheRequestedPointsEndingWithTheNewest() {
        Series s = new Series(2048);
        for (int i = 0; i <= 1000; i++) s.add(i * 250L, i * 100_000_000L, -1);
        List<Sample> few = s.spread(360);
        assertTrue(few.size() <= 360, "at most 360: " + few.size());
        assertEquals(1000 * 250L, few.get(few.size() - 1).millis());
        for (Sample x : few) assertEquals(40, x.cpuPercent(), 1e-9);
        assertEquals(List.of(), new Series(8).spread(10));
    }

    @Test
    void readingsCloserThanTheMinimumIntervalAreMerged() {
        Series s = new Series(100);
        s.add(0, 0, -1);
        s.add(5, 1_000_000, -1);        // right after the baseline: dropped
        s.add(250, 250_000_000L, -1);
        s.add(260, 260_000_000L, -1);   // an extra reading at cell end: replaces the one before
        assertEquals(1, s.intervals());
        assertEquals(260, s.lastMillis());
        assertEquals(100, s.percent(0), 1e-9);
    }

    @Test
    void percentOverAWindowSpansTheKeptPointsWithinItAndAtLeastTheLastInterval() {
        Series s = new Series(100);
        assertEquals(0, s.percentOver(1000));
        s.add(0, 0, -1);
        s.add(250, 250_000_000L, -1);    // busy
        s.add(500, 250_000_000L, -1);    // not scheduled at all over this interval
        s.add(750, 250_000_000L, -1);
        assertEquals(0, s.percent(0), 1e-9);
        assertEquals(0, s.percentOver(500), 1e-9, "back to 250: nothing since");
        assertEquals(100 / 3.0, s.percentOver(750), 1e-9, "back to the baseline");
        assertEquals(100 / 3.0, s.percentOver(1000), 1e-9, "back to the baseline at most");
        assertEquals(0, s.percentOver(100), 1e-9, "at least the last interval, however short the window");
    }

    @Test
    void tooSmallACapacityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Series(2));
    }
}
