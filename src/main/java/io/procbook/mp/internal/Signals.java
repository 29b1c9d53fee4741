package io.procbook.mp.internal;

/**
 * Sends SIGTERM or SIGKILL to a started process and leaves its pipes alone.
 *
 * <p>Why not {@link java.lang.Process#destroy()}: on JDK 17 and 25 alike it closes the process's stdin,
 * stdout and stderr right after sending the signal, so a thread reading them gets "Stream closed" and whatever
 * the process wrote before the signal (or writes while it handles SIGTERM) is lost. Python's
 * {@code terminate()} only sends the signal; so does this, through the process's {@link ProcessHandle}, and
 * the readers see end of stream once the process has exited. What a signal is on each system:
 * {@link Platform}.
 */
final class Signals {

    private Signals() { }

    /** Sends SIGTERM unless the process has exited (the check keeps us from signalling a recycled pid). */
    static void terminate(java.lang.Process process) {
        if (process.isAlive()) Platform.terminate(process.toHandle());
    }

    /** Sends SIGKILL unless the process has exited. */
    static void kill(java.lang.Process process) {
        if (process.isAlive()) process.toHandle().destroyForcibly();
    }
}
