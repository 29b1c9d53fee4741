package io.procbook.monitor;

import io.procbook.mp.internal.Platform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's USER_HZ: the unit of the CPU times in {@code /proc/<pid>/stat} and {@code /proc/stat}.
 *
 * <p>glibc's {@code sysconf(_SC_CLK_TCK)} takes it from the ELF auxiliary vector entry {@code AT_CLKTCK}, which
 * Linux also exposes as {@code /proc/self/auxv}; reading that file gives the same answer without spawning
 * {@code getconf}. Where it cannot be read we assume 100, the value on every mainstream Linux architecture.
 */
final class ClockTicks {

    private static final int AT_NULL = 0;
    private static final int AT_CLKTCK = 17;
    private static final long ASSUMED = 100;

    private static final long PER_SECOND = Platform.hasProc() ? read(Platform.proc("self", "auxv")) : ASSUMED;

    private ClockTicks() { }

    /** @return clock ticks per second */
    static long perSecond() { return PER_SECOND; }

    /** @return {@code ticks} converted to nanoseconds */
    static long toNanos(long ticks) {
        // split so that a machine-wide tick count of a long-running host cannot overflow
        return ticks / PER_SECOND * 1_000_000_000L + ticks % PER_SECOND * 1_000_000_000L / PER_SECOND;
    }

    static long read(Path auxv) {
        try {
            ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(auxv)).order(ByteOrder.nativeOrder());
            boolean wide = !"32".equals(System.getProperty("sun.arch.data.model"));
            int entry = wide ? 16 : 8;
            for (int at = 0; at + entry <= data.limit(); at += entry) {
                long key = wide ? data.getLong(at) : data.getInt(at);
                long value = wide ? data.getLong(at + entry / 2) : data.getInt(at + entry / 2);
                if (key == AT_NULL) break;
                if (key == AT_CLKTCK && value > 0) return value;
            }
        } catch (IOException | SecurityException e) {
            // no /proc (not Linux): the fallback probe does not use ticks, the assumption is never applied
        }
        return ASSUMED;
    }
}
