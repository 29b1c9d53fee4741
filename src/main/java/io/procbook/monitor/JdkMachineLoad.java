package io.procbook.monitor;

import java.lang.management.ManagementFactory;

/**
 * The whole machine's busy CPU time where there is no {@code /proc/stat}: the JDK's
 * {@link com.sun.management.OperatingSystemMXBean#getCpuLoad()} (on macOS from the kernel's host statistics)
 * gives the share of all CPUs that was busy since its previous call, so reading it every tick and adding
 * share x CPUs x time since the last reading gives the busy time {@link MachineProbe} reports. A call from
 * other code in this JVM between two readings shortens the window the share describes; the figure is then
 * that of a shorter recent span, never an error. Used by the sampler thread only.
 */
final class JdkMachineLoad {

    private final com.sun.management.OperatingSystemMXBean os;
    private final int cores;
    private long lastNanos;
    private double busyNanos;

    private JdkMachineLoad(com.sun.management.OperatingSystemMXBean os, int cores) {
        this.os = os;
        this.cores = cores;
        os.getCpuLoad(); // starts the window of the first reading
        this.lastNanos = System.nanoTime();
    }

    /** @return a reader, or {@code null} where the JDK does not report the machine's load */
    static JdkMachineLoad open(int cores) {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return null;
        }
        return os.getCpuLoad() < 0 ? null : new JdkMachineLoad(os, cores);
    }

    /** @return nanoseconds of busy CPU over all CPUs since this reader was opened, or -1 if unknown now */
    long busyNanos() {
        double share = os.getCpuLoad();
        long now = System.nanoTime();
        long elapsed = now - lastNanos;
        lastNanos = now;
        if (share < 0 || Double.isNaN(share)) return -1;
        busyNanos += Math.min(share, 1.0) * cores * elapsed;
        return (long) busyNanos;
    }
}
