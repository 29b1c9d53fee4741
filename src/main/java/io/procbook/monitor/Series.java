package io.procbook.monitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The measurement history of one process, thread or sum: time, cumulative CPU time and resident memory per
 * point, the first point being the baseline taken when watching began. Because CPU time is kept cumulative,
 * the CPU % between any two kept points is exact; so when the history is full, every other point is dropped
 * (halving the resolution of the whole history) and memory stays bounded however long a cell runs.
 * Not thread-safe: guarded by its {@link CellMonitor}.
 */
final class Series {

    private final int capacity;
    private final double maxPercent;
    private long[] millis;
    private long[] cpu;
    private long[] rss;
    private int size;

    /** @param capacity the most points kept, at least 3 */
    Series(int capacity) {
        this(capacity, Double.POSITIVE_INFINITY);
    }

    /**
     * @param capacity   the most points kept, at least 3
     * @param maxPercent the most CPU % an interval can really have (all cores busy, for a sum over the machine).
     *                   /proc counts CPU time in 10 ms ticks and each process is read at a slightly different
     *                   moment, so a short interval of a sum can read a few % above it (201 % of 200 %); such
     *                   a reading shows the bound instead.
     */
    Series(int capacity, double maxPercent) {
        if (capacity < 3) throw new IllegalArgumentException("capacity must be at least 3: " + capacity);
        this.capacity = capacity;
        this.maxPercent = maxPercent;
        int initial = Math.min(64, capacity);
        millis = new long[initial];
        cpu = new long[initial];
        rss = new long[initial];
    }

    /**
     * Readings closer together than this are merged: CPU time comes in 10 ms clock ticks, so over a few
     * milliseconds (an extra reading at cell end, just after a regular one) the percentage would be noise.
     */
    static final long MIN_INTERVAL_MILLIS = 100;

    /**
     * Appends a point; {@code cpuNanos} is cumulative and must not decrease. A point less than
     * {@link #MIN_INTERVAL_MILLIS} after the newest one replaces it (or is dropped if the newest is the baseline).
     */
    void add(long atMillis, long cpuNanos, long rssBytes) {
        if (size > 0 && atMillis - millis[size - 1] < MIN_INTERVAL_MILLIS) {
            if (size == 1) return;
            size--;
        }
        if (size == millis.length) {
            if (size >= capacity) thin();
            else grow(Math.min(capacity, size * 2));
        }
        millis[size] = atMillis;
        cpu[size] = cpuNanos;
        rss[size] = rssBytes;
        size++;
    }

    /** @return whether there is a baseline point */
    boolean isEmpty() { return size == 0; }

    /** @return the time of the newest point */
    long lastMillis() { return size == 0 ? -1 : millis[size - 1]; }

    /** @return the time of the baseline point */
    long startMillis() { return millis[0]; }

    /** @return the cumulative CPU time of the newest point minus the baseline */
    long cpuSinceStart() { return size == 0 ? 0 : cpu[size - 1] - cpu[0]; }

    /** @return CPU time used between the newest point and the one {@code back} points before it */
    long cpuOverLast(int back) {
        if (size < 2) return 0;
        return cpu[size - 1] - cpu[Math.max(0, size - 1 - back)];
    }

    /**
     * @param window how far back to look, in milliseconds
     * @return the CPU % from the oldest kept point at most {@code window} before the newest one (at least the
     *         point before the newest) to the newest; 0 without an interval
     */
    double percentOver(long window) {
        if (size < 2) return 0;
        int from = size - 2;
        while (from > 0 && millis[size - 1] - millis[from - 1] <= window) from--;
        return percentBetween(from, size - 1);
    }

    /** @return the number of intervals between kept points */
    int intervals() { return Math.max(0, size - 1); }

    /**
     * @param back 0 for the newest interval, 1 for the one before ...
     * @return the CPU % of that interval, 0 if there is none
     */
    double percent(int back) {
        int at = size - 1 - back;
        if (at < 1) return 0;
        return percentBetween(at - 1, at);
    }

    /** @return the newest resident memory, or -1 */
    long lastRss() { return size == 0 ? -1 : rss[size - 1]; }

    /** @return at most {@code max} samples spanning the whole history, each averaging the CPU since the previous */
    List<Sample> spread(int max) {
        int intervals = size - 1;
        if (intervals <= 0) return List.of();
        int stride = intervals <= max ? 1 : (int) (((long) intervals + max - 1) / max);
        List<Sample> out = new ArrayList<>(intervals / stride + 1);
        // walk back from the newest point so that it is always included
        int first = (size - 1) - (intervals / stride) * stride;
        int previous = 0;
        for (int i = first == 0 ? stride : first; i < size; i += stride) {
            out.add(sample(previous, i));
            previous = i;
        }
        return out;
    }

    private Sample sample(int before, int at) {
        return new Sample(millis[at], percentBetween(before, at), cpu[at] - cpu[0], rss[at]);
    }

    private double percentBetween(int before, int at) {
        long dt = millis[at] - millis[before];
        return dt <= 0 ? 0 : Math.min(maxPercent, (cpu[at] - cpu[before]) / 1e4 / dt);
    }

    private void thin() {
        // keep the baseline and the newest point, drop every other one in between
        int kept = 1;
        for (int i = (size - 1) % 2 == 0 ? 2 : 1; i < size; i += 2) {
            millis[kept] = millis[i];
            cpu[kept] = cpu[i];
            rss[kept] = rss[i];
            kept++;
        }
        size = kept;
    }

    private void grow(int length) {
        millis = Arrays.copyOf(millis, length);
        cpu = Arrays.copyOf(cpu, length);
        rss = Arrays.copyOf(rss, length);
    }
}
