package io.procbook.mp;

/**
 * The cause of a pool task's failure when the worker process running it died (killed, out of memory, or user
 * code called {@code System.exit}). The pool replaces the worker and goes on with the other tasks; Python's
 * {@code Pool} would hang here instead (bpo-22393).
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class WorkerDiedException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /** The dead worker's exit code. */
    private final int exitCode;

    /**
     * Creates the exception; its message names the worker and its exit code.
     *
     * @param workerName the worker's name
     * @param exitCode   its exit code (negative: killed by that signal)
     */
    public WorkerDiedException(String workerName, int exitCode) {
        super("worker died (exit code " + exitCode + "): " + workerName + " ended while running this task");
        this.exitCode = exitCode;
    }

    /**
     * Returns how the worker ended.
     *
     * @return the dead worker's exit code (negative: the number of the signal that killed it)
     */
    public int exitCode() {
        return exitCode;
    }
}
