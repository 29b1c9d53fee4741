package io.procbook.monitor;

import java.util.List;
import java.util.function.Predicate;

/** Waiting on the sampler's own ticks rather than on the clock. */
final class Await {

    private Await() { }

    /** Returns the first snapshot of {@code m} that satisfies {@code condition}, checking after every tick. */
    static MonitorSnapshot snapshot(CellMonitor m, Predicate<MonitorSnapshot> condition, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            MonitorSnapshot s = m.snapshot();
            if (condition.test(s)) return s;
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) throw new AssertionError("condition not met within " + millis + " ms; last snapshot: " + s);
            if (!Sampler.instance().awaitTicks(1, left) && Sampler.instance().thread() == null) {
                throw new AssertionError("sampler stopped while waiting; last snapshot: " + m.snapshot());
            }
        }
    }

    /** CPU % of a row from the sample at {@code from} to its newest sample. */
    static double percentSince(SeriesSnapshot row, int from) {
        List<Sample> s = row.samples();
        Sample a = s.get(from);
        Sample b = s.get(s.size() - 1);
        return (b.cpuNanos() - a.cpuNanos()) / 1e4 / (b.millis() - a.millis());
    }

    /** Milliseconds covered from the sample at {@code from} to the newest one. */
    static long spanSince(SeriesSnapshot row, int from) {
        List<Sample> s = row.samples();
        return s.isEmpty() || from >= s.size() ? 0 : s.get(s.size() - 1).millis() - s.get(from).millis();
    }
}
