package io.procbook.kernel;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Notices when the process that launched the kernel is gone, so the kernel does not linger holding its ports
 * when its client crashed or was killed. The watched process is JPY_PARENT_PID when set (what jupyter_client
 * sets), else the kernel's parent process.
 *
 * <p>It polls instead of using {@code ProcessHandle.onExit()}: for a process that is not our child, the JDK
 * polls too, with intervals growing to 5 s.
 */
final class LauncherWatch {
    static final long POLL_MS = 500;

    private LauncherWatch() { }

    /** A watched process: its pid (for the log) and whether it still runs (pid reuse is detected). */
    record Target(long pid, BooleanSupplier alive) { }

    /** The process to watch, if there is a sensible one (not init, not ourselves). */
    static Optional<Target> target(String jpyParentPid) {
        if (jpyParentPid != null && !jpyParentPid.isBlank()) {
            try {
                long pid = Long.parseLong(jpyParentPid.trim());
                if (pid <= 1 || pid == ProcessHandle.current().pid()) {
                    return Optional.empty();
                }
                // A pid that names no process means the parent died before we looked.
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                return Optional.of(new Target(pid, h.isPresent() ? h.get()::isAlive : () -> false));
            } catch (NumberFormatException e) {
                Log.warn("JPY_PARENT_PID=" + jpyParentPid + " is not a pid; watching the parent process instead");
            }
        }
        return ProcessHandle.current().parent().filter(p -> p.pid() > 1).map(p -> new Target(p.pid(), p::isAlive));
    }

    /**
     * Runs {@code onDeath} once, on a daemon thread, when the target is no longer alive.
     *
     * @return the scheduler (shut it down to stop watching)
     */
    static ScheduledExecutorService start(Target target, Runnable onDeath) {
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "procbook-parent-watch");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            if (!target.alive().getAsBoolean()) {
                s.shutdown();
                onDeath.run();
            }
        }, 0, POLL_MS, TimeUnit.MILLISECONDS);
        return s;
    }
}
