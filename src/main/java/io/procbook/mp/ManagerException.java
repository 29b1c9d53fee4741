package io.procbook.mp;

/**
 * A manager server could not be reached or stopped answering: it refused the connection, shut down, died
 * during a call, or a value could not cross the connection (not Serializable, or not on the allow-list of
 * {@link BaseManager#allow(Class...)}). A proxy call never hangs on a dead server: the closed connection is
 * seen as end-of-stream and reported with this exception.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class ManagerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the server address and the call
     */
    public ManagerException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what failed, naming the server address and the call
     * @param cause   the underlying I/O or serialization error
     */
    public ManagerException(String message, Throwable cause) {
        super(message, cause);
    }
}
