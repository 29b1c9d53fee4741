package io.procbook.monitor;

import java.util.List;

/**
 * Everything a monitor recorded, for a reader's own tables and plots. Immutable.
 *
 * @param title       what is monitored, e.g. the cell
 * @param cores       the processors available to this JVM: the total can reach {@code cores * 100} percent
 * @param startEpochMillis when the monitor started, in milliseconds since the epoch
 * @param nowMillis   when the snapshot was taken, in milliseconds since the monitor started
 * @param live        {@code false} once everything watched has stopped (the final summary)
 * @param rows        one series per watched process and per busy thread, in the order they appeared
 * @param total       the sum over all watched processes and threads
 * @param machine     the whole machine's CPU use, or {@code null} where unknown
 */
public record MonitorSnapshot(String title, int cores, long startEpochMillis, long nowMillis, boolean live,
                              List<SeriesSnapshot> rows, SeriesSnapshot total, SeriesSnapshot machine) {

    /** Copies {@code rows} so that the snapshot is immutable. */
    public MonitorSnapshot {
        rows = List.copyOf(rows);
    }

    /** @return the CPU time of all watched processes and threads, in nanoseconds */
    public long totalCpuNanos() { return total.cpuNanos(); }

    /** @return wall time from the first to the last sample, in milliseconds */
    public long wallMillis() {
        List<Sample> s = total.samples();
        return s.isEmpty() ? 0 : s.get(s.size() - 1).millis() - total.startMillis();
    }

    /** @return the highest total CPU use over one sampling interval, in percent of one core */
    public double peakTotalPercent() { return total.peakPercent(); }

    /** @return the rows of one kind */
    public List<SeriesSnapshot> rows(SeriesSnapshot.Kind kind) {
        return rows.stream().filter(r -> r.kind() == kind).toList();
    }
}
