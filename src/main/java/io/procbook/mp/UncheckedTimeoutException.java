package io.procbook.mp;

/**
 * Thrown by an unchecked blocking operation of this library (a {@code join}, {@code get} or {@code acquire}
 * that was given a timeout and is documented to throw rather than return {@code false}) when the timeout
 * elapses first. Python's {@code multiprocessing.TimeoutError}. Methods that implement
 * {@code java.util.concurrent} interfaces throw the checked {@link java.util.concurrent.TimeoutException}
 * instead, as those interfaces require.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class UncheckedTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what timed out, and after how long
     */
    public UncheckedTimeoutException(String message) {
        super(message);
    }
}
