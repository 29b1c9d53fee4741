package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The machine's busy time where there is no /proc/stat: integrated from the JDK's recent-load figure. */
class JdkMachineLoadTest {

    @Test
    void theMachineTotalGrowsByOurOwnWorkAndStaysWithinTheCores() {
        int cores = Runtime.getRuntime().availableProcessors();
        JdkMachineLoad machine = JdkMachineLoad.open(cores);
        assertNotNull(machine, "the JDK reports the machine's load on Linux and macOS");
        long before = machine.busyNanos();
        long wall0 = System.nanoTime();
        long mine0 = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        long x = 0;
        while (ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() - mine0 < 200_000_000L) x++;
        long after = machine.busyNanos();
        long wall = System.nanoTime() - wall0;
        assertTrue(x > 0 && before >= 0);
        assertTrue(after - before >= 100_000_000L, "our own 200 ms of CPU show in the machine total: " + (after - before));
        assertTrue(after - before <= cores * (wall + 50_000_000L), "at most all cores busy the whole time");
    }
}
