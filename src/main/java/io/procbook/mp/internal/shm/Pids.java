package io.procbook.mp.internal.shm;

/**
 * Process identity and liveness. Shared-memory words record owners as operating-system pids (22 bits, the
 * Linux maximum {@code pid_max}), so any process can tell whether the owner of a lock or of a half-done queue
 * operation still exists. Pid reuse is ignored: it needs the pid space to wrap while a word still names the
 * dead owner, which the 22-bit pid space makes very unlikely within the life of one shared object.
 */
public final class Pids {

    /** This process's pid. */
    public static final long SELF = ProcessHandle.current().pid();

    /** Pids fit in this many bits (Linux caps {@code pid_max} at 2^22). */
    public static final int BITS = 22;

    private Pids() {
    }

    /** Whether the process exists (this process always does). */
    public static boolean alive(long pid) {
        if (pid == SELF) {
            return true;
        }
        if (pid <= 0) {
            return false;
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
