package io.procbook.shell.magic;

import io.procbook.mp.internal.Platform;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;

/**
 * CPU time of this JVM together with its child processes, for {@code %time}.
 *
 * <p>On Linux the total is: this process's user and system time, plus its reaped children's (cutime,
 * cstime), plus everything each live descendant has used (its own and its reaped children's). A child alive
 * at the first sample and reaped before the second then counts exactly what it used in between, with no
 * double counting. Without {@code /proc} ({@link Platform}) the total is this JVM's and its live
 * descendants' CPU time, not split into user and system: a child that exits before the second sample is
 * missed.
 */
final class CpuClock {

    /**
     * User and system CPU time in seconds; where they cannot be told apart, all of it is {@code user} and
     * {@code split} is false.
     */
    record Sample(double user, double system, boolean split) {
        Sample(double user, double system) {
            this(user, system, true);
        }

        Sample minus(Sample o) {
            return new Sample(user - o.user, system - o.system, split && o.split);
        }

        double total() {
            return user + system;
        }
    }

    // Linux's USER_HZ: fixed at 100 on every architecture Java runs on (sysconf(_SC_CLK_TCK) is a constant).
    private static final double TICKS_PER_SECOND = 100.0;

    private CpuClock() { }

    static Sample now() {
        if (!Platform.hasProc()) {
            var os = ManagementFactory.getOperatingSystemMXBean();
            double cpu = os instanceof com.sun.management.OperatingSystemMXBean s ? s.getProcessCpuTime() / 1e9 : 0;
            for (ProcessHandle h : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
                cpu += h.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
            }
            return new Sample(cpu, 0, false);
        }
        // A child reaped between reading our own stat and listing the descendants would be in neither (its
        // time moves into our cutime at the reap): read our stat again after the scan, and scan again if a
        // reap happened meanwhile. Reaps are rare, so this settles at once.
        long pid = ProcessHandle.current().pid();
        long[] self = ticks(pid);
        for (int attempt = 0; ; attempt++) {
            double user = self[0] + self[2], sys = self[1] + self[3];
            for (ProcessHandle h : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
                long[] t = ticks(h.pid());
                user += t[0] + t[2];
                sys += t[1] + t[3];
            }
            long[] after = ticks(pid);
            boolean reaped = after[2] != self[2] || after[3] != self[3];
            if (!reaped || attempt == 4) return new Sample(user / TICKS_PER_SECOND, sys / TICKS_PER_SECOND);
            self = after;
        }
    }

    /** utime, stime, cutime, cstime of a process; zeros if it is gone. */
    private static long[] ticks(long pid) {
        try {
            String[] f = Platform.statFields(Files.readString(Platform.proc(Long.toString(pid), "stat")));
            return new long[]{Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
        } catch (IOException | RuntimeException gone) {
            return new long[4];
        }
    }
}
