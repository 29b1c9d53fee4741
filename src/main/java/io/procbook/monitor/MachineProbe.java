package io.procbook.monitor;

import io.procbook.mp.internal.Platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole machine's busy CPU time from the first line of {@code /proc/stat}, so that the summary can show
 * load the cell did not cause. Only used where {@code /proc/stat} describes the same CPUs this JVM may use: in a
 * container limited to fewer CPUs than the host, the host's total would be meaningless against our cores.
 * Without {@code /proc} ({@link Platform#hasProc()}) the JDK's measure of the machine's load stands in
 * ({@link JdkMachineLoad}).
 */
final class MachineProbe implements AutoCloseable {

    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
    private static final boolean[] BUSY = {true, true, true, false, false, true, true, true};

    /** Exactly one of the two sources is set. */
    private final ProcFile stat;
    private final JdkMachineLoad load;

    private MachineProbe(ProcFile stat, JdkMachineLoad load) {
        this.stat = stat;
        this.load = load;
    }

    /** @return a probe, or {@code null} where the machine total is unavailable or not comparable */
    static MachineProbe open(int cores) {
        if (!Platform.hasProc()) {
            JdkMachineLoad jdk = JdkMachineLoad.open(cores);
            return jdk == null ? null : new MachineProbe(null, jdk);
        }
        Path path = Platform.proc("stat");
        try {
            List<String> lines = Files.readAllLines(path);
            long cpus = lines.stream().filter(l -> l.matches("cpu\\d+ .*")).count();
            if (cpus != cores) return null;
            return new MachineProbe(ProcFile.open(path, 256), null);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    /** @return nanoseconds of busy CPU summed over all CPUs since boot, or -1 if unreadable */
    long busyNanos() {
        if (load != null) return load.busyNanos();
        if (!stat.reload()) return -1;
        ByteBuffer b = stat.bytes();
        int i = 3; // after "cpu"
        long ticks = 0;
        for (boolean busy : BUSY) {
            while (i < b.limit() && b.get(i) == ' ') i++;
            long value = ProcFile.number(b, i);
            if (value < 0) return -1;
            if (busy) ticks += value;
            while (i < b.limit() && b.get(i) != ' ' && b.get(i) != '\n') i++;
        }
        return ClockTicks.toNanos(ticks);
    }

    @Override
    public void close() {
        if (stat != null) stat.close();
    }
}
