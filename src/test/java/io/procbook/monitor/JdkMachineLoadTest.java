package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

/** The machine's busy time where there is no /proc/stat: integrated from the JDK's recent-load figure. */
class JdkMachineLoadTest {

    @Test
    void theMachineTotalGrowsByOurOwnWorkAndStaysWithinTheCores() {
        JdkMachineLoad machine = JdkMachineLoad.open(Runtime.getRuntime().availableProcessors());
        assertNotNull(machine, "the JDK reports the machine's load on Linux and macOS");
        Await.machineSeesOurOwnWork(machine::busyNanos);
    }
}
