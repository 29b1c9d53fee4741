package io.procbook.monitor;

import io.procbook.mp.internal.Platform;

/**
 * Reads one operating-system process's CPU time and resident memory. Used by the sampler thread only (after
 * being opened on the thread that started watching).
 */
interface ProcessProbe extends AutoCloseable {

    /**
     * Takes a new reading.
     *
     * @return {@code false} if the process can no longer be read (it has exited and been reaped)
     */
    boolean read();

    /** @return whether the last reading found the process still running (not a zombie) */
    boolean running();

    /** @return the CPU time (user + system, all threads) of the last reading, in nanoseconds */
    long cpuNanos();

    /** @return the resident memory of the last reading in bytes, or -1 if unknown */
    long rssBytes();

    @Override
    void close();

    /**
     * Opens a probe for {@code pid}: from {@code /proc} where the system has it, else from
     * {@link ProcessHandle#info()} (see {@link Platform}).
     */
    static ProcessProbe open(long pid) {
        return Platform.hasProc() ? ProcProbe.open(pid) : new HandleProbe(pid);
    }
}
