package io.procbook.mp;

/**
 * Thrown when an external command cannot be run or ends badly; the base of the {@link Subprocess} errors
 * (Python's {@code subprocess.SubprocessError}).
 */
public class SubprocessException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     * @param cause   the underlying error, or {@code null}
     */
    public SubprocessException(String message, Throwable cause) {
        super(message, cause);
    }
}
