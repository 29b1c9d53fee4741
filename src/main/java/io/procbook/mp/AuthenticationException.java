package io.procbook.mp;

/**
 * A manager connection was refused because the two sides do not share the same auth key (Python's
 * {@code multiprocessing.AuthenticationError}), or because the peer did not follow the challenge protocol.
 * Thrown on the connecting side by {@link BaseManager#connect()} and by proxy calls that open a connection;
 * the server logs nothing and simply closes such a connection. Nothing the peer sent was deserialized.
 */
public class AuthenticationException extends ManagerException {

    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why */
    public AuthenticationException(String message) {
        super(message);
    }
}
