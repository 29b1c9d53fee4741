package io.procbook.mp;

/**
 * A manager connection was refused because the two sides do not share the same auth key (Python's
 * {@code multiprocessing.AuthenticationError}), or because the peer did not follow the challenge protocol.
 * Thrown on the connecting side by {@link BaseManager#connect()} and by proxy calls that open a connection;
 * the server logs nothing and simply closes such a connection. Nothing the peer sent was deserialized.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class AuthenticationException extends ManagerException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was refused and why
     */
    public AuthenticationException(String message) {
        super(message);
    }
}
