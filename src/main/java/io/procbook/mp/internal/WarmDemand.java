package io.procbook.mp.internal;

import java.util.ArrayDeque;

/**
 * How many pre-started JVMs the {@link WarmPool} should hold, judged from how often JVMs were taken lately: the
 * base count while starts are rare; while they are frequent, as many as were taken within
 * {@link #WINDOW_NANOS} (a burst of starts, a loop of them), up to a bound; and back to the base count once none
 * has been taken for the idle time. A burst that ran once is likely to run again (a notebook cell is re-run),
 * so the raised count is kept until the pool has been idle that long.
 *
 * <p>Not thread-safe: the pool calls it under its lock. Times are {@link System#nanoTime()} values, passed in
 * so that the policy can be checked without waiting.
 */
final class WarmDemand {

    /** Takes less than this apart count as one burst. */
    static final long WINDOW_NANOS = 1_000_000_000L;

    /**
     * The limits, read afresh for each decision (they come from system properties, which a program may change).
     *
     * @param base      how many to hold while starts are rare
     * @param max       how many at most (at least {@code base})
     * @param idleNanos how long after the latest take the count falls back to {@code base}
     */
    record Limits(int base, int max, long idleNanos) {
        Limits {
            max = Math.max(max, base);
            idleNanos = Math.min(Math.max(0, idleNanos), Long.MAX_VALUE / 4); // no overflow when added to a time
        }
    }

    /** Times of the takes within the window, oldest first. */
    private final ArrayDeque<Long> recent = new ArrayDeque<>();
    private int raised;
    private long lastTake;
    private boolean anyTake;

    /** Notes that a JVM was taken at {@code now}. */
    void taken(long now, Limits limits) {
        while (!recent.isEmpty() && now - recent.peekFirst() >= WINDOW_NANOS) recent.pollFirst();
        recent.addLast(now);
        if (anyTake && now - lastTake >= limits.idleNanos()) raised = 0;
        raised = Math.min(limits.max(), Math.max(raised, recent.size()));
        lastTake = now;
        anyTake = true;
    }

    /** Forgets every take: the target is the base count again. */
    void forget() {
        recent.clear();
        raised = 0;
        anyTake = false;
    }

    /** @return how many JVMs the pool should hold, waiting or being launched, at {@code now} */
    int target(long now, Limits limits) {
        if (anyTake && now - lastTake >= limits.idleNanos()) raised = 0;
        return Math.min(limits.max(), Math.max(limits.base(), raised));
    }

    /**
     * @return when the target falls back to the base count unless something is taken before, or
     *         {@link Long#MAX_VALUE} if it is at the base count already
     */
    long releaseAt(Limits limits) {
        return raised > limits.base() ? lastTake + limits.idleNanos() : Long.MAX_VALUE;
    }

    /** @return how long ago the latest take was, or {@link Long#MAX_VALUE} if there was none */
    long sinceLastTake(long now) {
        return anyTake ? now - lastTake : Long.MAX_VALUE;
    }
}
