package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.LongSupplier;
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
                // The sampler's last tick may be what met the condition, just after the check above.
                MonitorSnapshot last = m.snapshot();
                if (condition.test(last)) return last;
                throw new AssertionError("sampler stopped while waiting; last snapshot: " + last);
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

    /**
     * Asserts that a row busy-looping on one thread measured about one core from sample {@code from} on: never
     * above 150 %, and at least 50 % unless the machine had no spare capacity over that window (other builds
     * running on this 2-core machine can take the core away from the loop; the monitor is then right to show
     * less, and the check falls back to "some CPU").
     */
    static void assertAboutOneCore(MonitorSnapshot s, SeriesSnapshot row, int from) {
        double percent = percentSince(row, from);
        assertTrue(percent < 150, "a one-thread busy loop measured at " + percent + " %");
        long t0 = row.samples().get(from).millis();
        long t1 = row.samples().get(row.samples().size() - 1).millis();
        double spare = s.machine() == null ? Double.NaN : s.cores() * 100 - machinePercent(s.machine(), t0, t1);
        if (Double.isNaN(spare) || spare >= 60) {
            assertTrue(percent > 50, "busy loop measured at " + percent + " % with " + spare + " % of the machine idle");
        } else {
            assertTrue(percent > 0, "busy loop measured at " + percent + " % on a saturated machine");
        }
    }

    private static double machinePercent(SeriesSnapshot machine, long t0, long t1) {
        Sample a = null;
        Sample b = null;
        for (Sample x : machine.samples()) {
            if (x.millis() <= t0) a = x;
            if (x.millis() <= t1) b = x;
        }
        if (a == null || b == null || b.millis() <= a.millis()) return 0;
        return (b.cpuNanos() - a.cpuNanos()) / 1e4 / (b.millis() - a.millis());
    }

    /**
     * Uses 200 ms of this JVM's CPU (waiting on its own CPU clock, not the wall clock) between two readings of a
     * machine's busy time, and asserts the machine saw at least half of it and no more than all cores' worth.
     */
    static void machineSeesOurOwnWork(LongSupplier busyNanos) {
        int cores = Runtime.getRuntime().availableProcessors();
        long before = busyNanos.getAsLong();
        long wall0 = System.nanoTime();
        long mine0 = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        long x = 0;
        while (ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() - mine0 < 200_000_000L) x++;
        long after = busyNanos.getAsLong();
        long wall = System.nanoTime() - wall0;
        assertTrue(x > 0 && before >= 0);
        assertTrue(after - before >= 100_000_000L, "our own 200 ms of CPU show in the machine total: " + (after - before));
        assertTrue(after - before <= cores * (wall + 50_000_000L), "at most all cores busy the whole time");
    }
}
