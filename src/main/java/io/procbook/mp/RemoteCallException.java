package io.procbook.mp;

/**
 * Stands for an exception thrown by a managed object on the server whose class cannot travel to the caller
 * (it is not a JDK or procbook class, so the connection's allow-list refuses it). Its message starts with the
 * original class name and message; its stack trace is the server-side one.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class RemoteCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the given stack trace in place of the one where it was created.
     *
     * @param message the original exception's {@code toString()}
     * @param stack   the original exception's stack trace (server side)
     * @throws NullPointerException if {@code stack} is null or holds a null
     */
    public RemoteCallException(String message, StackTraceElement[] stack) {
        super(message);
        setStackTrace(stack);
    }
}
