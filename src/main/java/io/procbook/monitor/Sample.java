package io.procbook.monitor;

/**
 * One measurement of a process, a thread, or a total.
 *
 * @param millis     when it was taken, in milliseconds since the monitor started
 * @param cpuPercent CPU use over the interval ending here, in percent of one core (200 = two cores busy)
 * @param cpuNanos   CPU time used since watching began, in nanoseconds
 * @param rssBytes   resident memory in bytes, or -1 where unknown (threads, systems without {@code /proc})
 */
public record Sample(long millis, double cpuPercent, long cpuNanos, long rssBytes) { }
