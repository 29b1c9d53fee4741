package io.procbook.mp;

/**
 * Stands for an exception thrown by a managed object on the server whose class cannot travel to the caller
 * (it is not a JDK or procbook class, so the connection's allow-list refuses it). Its message starts with the
 * original class name and message; its stack trace is the server-side one.
 */
public class RemoteCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the original exception's {@code toString()}
     * @param stack   the original exception's stack trace (server side)
     */
    public RemoteCallException(String message, StackTraceElement[] stack) {
        super(message);
        setStackTrace(stack);
    }
}
