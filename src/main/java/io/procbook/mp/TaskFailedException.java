package io.procbook.mp;

/**
 * Thrown by {@link AsyncResult#get()}, {@link Pool#map} and the other waiting methods of {@link Pool} when the
 * task failed. The cause is what the task threw, with the stack trace it had in the worker (or a
 * {@link RemoteTaskException} copy, if it could not travel as itself), or a {@link WorkerDiedException}.
 * Unchecked, like Python re-raising the task's exception from {@code get()}.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class TaskFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception; its message includes the cause's {@code toString()}.
     *
     * @param cause why the task failed
     */
    public TaskFailedException(Throwable cause) {
        super("pool task failed: " + cause, cause);
    }
}
