package io.procbook.monitor;

import java.time.Duration;
import java.util.Optional;

/**
 * A {@link ProcessProbe} for systems without {@code /proc}: {@link ProcessHandle.Info} gives CPU time (it
 * allocates per reading, acceptable off Linux) but no resident memory.
 */
final class HandleProbe implements ProcessProbe {

    private final Optional<ProcessHandle> handle;
    private long cpuNanos;
    private boolean running;

    HandleProbe(long pid) { this.handle = ProcessHandle.of(pid); }

    @Override
    public boolean read() {
        running = handle.map(ProcessHandle::isAlive).orElse(false);
        if (!running) return false;
        handle.get().info().totalCpuDuration().map(Duration::toNanos).ifPresent(n -> cpuNanos = n);
        return true;
    }

    @Override public boolean running() { return running; }
    @Override public long cpuNanos() { return cpuNanos; }
    @Override public long rssBytes() { return -1; }
    @Override public void close() { }
}
