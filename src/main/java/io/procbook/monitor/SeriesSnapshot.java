package io.procbook.monitor;

import java.util.List;

/**
 * What a monitor recorded for one process, one thread, the cell's total or the whole machine.
 *
 * @param kind        what was measured
 * @param name        the process or thread name ({@code "total"} / {@code "machine"} for the sums)
 * @param id          the operating-system pid, the Java thread id, or 0 for sums
 * @param state       {@code running}, {@code exited(0)}, {@code killed(SIGKILL)}, {@code ended} ...
 * @param running     whether the process or thread was still running when the snapshot was taken
 * @param startMillis when watching began, in milliseconds since the monitor started
 * @param endMillis   when it was seen to stop, or -1 while running
 * @param samples     the measurements, oldest first (older history is thinned, never averaged away)
 */
public record SeriesSnapshot(Kind kind, String name, long id, String state, boolean running, long startMillis,
                             long endMillis, List<Sample> samples) {

    /** What a series measures. */
    public enum Kind { PROCESS, THREAD, TOTAL, MACHINE }

    /** Copies {@code samples} so that the snapshot is immutable. */
    public SeriesSnapshot {
        samples = List.copyOf(samples);
    }

    /** @return the CPU time used while watched, in nanoseconds */
    public long cpuNanos() { return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).cpuNanos(); }

    /** @return the CPU use over the last interval in percent of one core, 0 if there are no samples */
    public double lastPercent() { return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).cpuPercent(); }

    /** @return the highest interval CPU use in percent of one core */
    public double peakPercent() { return samples.stream().mapToDouble(Sample::cpuPercent).max().orElse(0); }

    /** @return the largest resident memory seen in bytes, or -1 if unknown */
    public long peakRssBytes() { return samples.stream().mapToLong(Sample::rssBytes).max().orElse(-1); }

    /** @return the last resident memory seen in bytes, or -1 if unknown */
    public long lastRssBytes() { return samples.isEmpty() ? -1 : samples.get(samples.size() - 1).rssBytes(); }

    /**
     * @param nowMillis the snapshot's time, used while still running
     * @return how long it has been watched (until it stopped), in milliseconds
     */
    public long elapsedMillis(long nowMillis) { return (endMillis < 0 ? nowMillis : endMillis) - startMillis; }

    /**
     * @return the average CPU use while watched in percent of one core
     * @param nowMillis the snapshot's time, used while still running
     */
    public double averagePercent(long nowMillis) {
        long elapsed = elapsedMillis(nowMillis);
        return elapsed <= 0 ? 0 : cpuNanos() / 1e4 / elapsed;
    }
}
