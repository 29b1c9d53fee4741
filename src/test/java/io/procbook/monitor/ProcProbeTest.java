package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcProbeTest {

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        TestChild.killAllAndAssertGone();
    }

    @Test
    void ourOwnCpuTimeAgreesWithTheJdk() {
        long jdk = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
        try (ProcessProbe probe = ProcessProbe.open(ProcessHandle.current().pid())) {
            assertTrue(probe.read());
            assertTrue(probe.running());
            // both read the same counters a moment apart; the JDK converts ticks with sysconf(_SC_CLK_TCK)
            assertEquals(jdk, probe.cpuNanos(), 500_000_000L);
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            assertTrue(probe.rssBytes() > heap / 2, "resident " + probe.rssBytes() + " vs used heap " + heap);
        }
    }

    @Test
    void aCommandNameWithParenthesesAndSpacesParses() throws Exception {
        Path odd = dir.resolve("a) (b c");
        Files.copy(Path.of("/bin/sleep"), odd, StandardCopyOption.COPY_ATTRIBUTES);
        TestChild child = TestChild.start("odd", odd.toString(), "30");
        try (ProcessProbe probe = ProcessProbe.open(child.pid())) {
            assertTrue(probe.read());
            assertTrue(probe.running(), "state field found after the last ')'");
            assertTrue(probe.cpuNanos() >= 0 && probe.cpuNanos() < 1_000_000_000L, "cpu " + probe.cpuNanos());
            assertTrue(probe.rssBytes() > 0);
            child.kill();
            child.process().onExit().get(10, TimeUnit.SECONDS);
            assertFalse(probe.read(), "a reaped process can no longer be read");
            assertFalse(probe.running());
        }
    }

    @Test
    void theFallbackWithoutProcReadsTheSameCpuTime() {
        try (ProcessProbe proc = ProcessProbe.open(ProcessHandle.current().pid());
             ProcessProbe handle = new HandleProbe(ProcessHandle.current().pid())) {
            assertTrue(handle.read() && proc.read());
            assertTrue(handle.running());
            assertEquals(proc.cpuNanos(), handle.cpuNanos(), 500_000_000L);
            assertEquals(-1, handle.rssBytes(), "no resident memory without /proc");
        }
        try (ProcessProbe gone = new HandleProbe(Long.MAX_VALUE)) {
            assertFalse(gone.read());
        }
    }

    @Test
    void theMachineTotalGrowsAndStaysWithinTheCores() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        MachineProbe machine = MachineProbe.open(cores);
        assertTrue(machine != null, "this Linux machine's /proc/stat lists " + cores + " CPUs");
        try (machine) {
            Await.machineSeesOurOwnWork(machine::busyNanos);
        }
        assertEquals(null, MachineProbe.open(cores + 1), "not comparable to a different number of CPUs");
    }

    @Test
    void aProcessThatIsAlreadyGoneGivesAnUnreadableProbe() {
        try (ProcessProbe probe = ProcessProbe.open(Long.MAX_VALUE)) {
            assertFalse(probe.read());
        }
    }

    @Test
    void clockTicksComeFromTheAuxiliaryVector() throws Exception {
        ByteBuffer auxv = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder());
        auxv.putLong(6).putLong(4096).putLong(17).putLong(250).putLong(0).putLong(0);
        Path file = dir.resolve("auxv");
        Files.write(file, auxv.array());
        assertEquals(250, ClockTicks.read(file));
        assertEquals(100, ClockTicks.read(dir.resolve("missing")), "assumed where unreadable");
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        String expected = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(getconf.waitFor(10, TimeUnit.SECONDS));
        assertEquals(Long.parseLong(expected), ClockTicks.perSecond(), "what libc's sysconf says on this machine");
        assertEquals(1_230_000_000L, ClockTicks.toNanos(123));
    }
}
