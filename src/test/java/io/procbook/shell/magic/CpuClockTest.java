package io.procbook.shell.magic;

import io.procbook.mp.internal.Platform;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code %time}'s clock counts what a live child used, from /proc where there is one and from the JDK where
 * not (the build's platform-fallback run hides /proc); only /proc splits it into user and system time.
 */
class CpuClockTest {

    @Test
    void theCpuOfALiveChildIsCounted() throws Exception {
        CpuClock.Sample before = CpuClock.now();
        // awk itself burns the CPU and then waits on its stdin, so it is a live child when the clock reads it
        java.lang.Process awk = new ProcessBuilder("awk",
                "BEGIN { for (i = 0; i < 5000000; i++) s += i; print \"done\"; fflush(); getline x < \"/dev/stdin\" }")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(awk.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("done", r.readLine());
            CpuClock.Sample used = CpuClock.now().minus(before);
            double child = awk.info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
            assertTrue(child > 0.05, "awk did real work: " + child + " s");
            assertTrue(used.total() >= child - 0.02, "total " + used.total() + " s includes the child's " + child + " s");
            assertEquals(Platform.hasProc(), used.split(), "user and system apart only where /proc tells them");
        } finally {
            awk.getOutputStream().close();
            if (!awk.waitFor(10, TimeUnit.SECONDS)) awk.destroyForcibly().waitFor();
        }
    }
}
