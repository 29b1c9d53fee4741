package io.procbook.mp;

/**
 * Thrown when an external command cannot be run or ends badly; the base of the {@link Subprocess} errors
 * (Python's {@code subprocess.SubprocessError}).
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class SubprocessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param cause   the underlying error, or {@code null}
     */
    public SubprocessException(String message, Throwable cause) {
        super(message, cause);
    }
}
