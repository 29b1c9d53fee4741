package io.procbook.mp;

/**
 * Stands in for an exception thrown in another process that could not travel back as itself: thrown by a task
 * in a child process or pool worker (its class or something it holds is not Serializable), or by a managed
 * object on a manager's server (its class is not a JDK or procbook class, so the connection's allow-list
 * refuses it). It keeps the original's class name, message, stack trace (the other process's frames), cause
 * chain and suppressed exceptions, so that printing it shows what printing the original would have shown.
 *
 * <p>Instances are immutable once built and safe to share between threads. A copy is always Serializable (it
 * holds only strings and stack trace elements), so it can cross any process boundary.
 */
public class RemoteTaskException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The class name of the exception thrown in the child. */
    private final String remoteClassName;

    /**
     * Creates a stand-in with no stack trace of its own beyond where it is created; {@link #copyOf} fills in
     * the original's.
     *
     * @param remoteClassName the class name of the exception thrown in the child
     * @param message         its message (may be {@code null})
     */
    public RemoteTaskException(String remoteClassName, String message) {
        super(message);
        this.remoteClassName = remoteClassName;
    }

    /**
     * Returns the class name of the exception this stands for.
     *
     * @return the class name of the exception thrown in the child
     */
    public String remoteClassName() {
        return remoteClassName;
    }

    /**
     * Copies an exception (its class name, message, stack trace, causes and suppressed exceptions) into a
     * {@code RemoteTaskException} that can always be serialized. Causes and suppressed exceptions are copied
     * to a depth of 20; deeper ones are dropped.
     *
     * @param t the exception to copy
     * @return the copy
     * @throws NullPointerException if {@code t} is null
     */
    public static RemoteTaskException copyOf(Throwable t) {
        return copyOf(t, 0);
    }

    private static RemoteTaskException copyOf(Throwable t, int depth) {
        RemoteTaskException copy = new RemoteTaskException(t.getClass().getName(), t.getMessage());
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t && depth < 20) copy.initCause(copyOf(t.getCause(), depth + 1));
        for (Throwable s : t.getSuppressed()) if (depth < 20) copy.addSuppressed(copyOf(s, depth + 1));
        return copy;
    }

    /**
     * Describes the original exception.
     *
     * @return like {@link Throwable#toString()} of the original: its class name and message
     */
    @Override
    public String toString() {
        String m = getLocalizedMessage();
        return m == null ? remoteClassName : remoteClassName + ": " + m;
    }
}
