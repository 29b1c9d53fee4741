package io.procbook.mp;

/**
 * Thrown by a blocking operation of this library when the waiting thread is interrupted. The library's API is
 * unchecked so that its calls compose inside lambdas and method references; where this is thrown, the
 * thread's interrupt status has been set again, so code further up still sees the interruption.
 *
 * <p>The {@link #getCause() cause} is the original {@link InterruptedException}, when there was one.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class UncheckedInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Wraps an interruption and restores the current thread's interrupt status.
     *
     * @param cause the interruption caught
     * @throws NullPointerException if {@code cause} is null
     */
    public UncheckedInterruptedException(InterruptedException cause) {
        super(cause.getMessage() == null ? "interrupted" : cause.getMessage(), cause);
        Thread.currentThread().interrupt();
    }

    /**
     * Creates an exception for an interruption noticed without an {@link InterruptedException}, and sets the
     * current thread's interrupt status.
     *
     * @param message what was interrupted
     */
    public UncheckedInterruptedException(String message) {
        super(message);
        Thread.currentThread().interrupt();
    }
}
