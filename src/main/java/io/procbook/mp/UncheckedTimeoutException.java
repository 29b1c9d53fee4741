package io.procbook.mp;

/**
 * Thrown by an unchecked blocking operation of this library (a {@code join}, {@code get} or {@code acquire}
 * that was given a timeout and is documented to throw rather than return {@code false}) when the timeout
 * elapses first. Python's {@code multiprocessing.TimeoutError}. Methods that implement
 * {@code java.util.concurrent} interfaces throw the checked {@link java.util.concurrent.TimeoutException}
 * instead, as those interfaces require.
 *
 * <p>One idea, one type: every unchecked timeout of this library is an {@code UncheckedTimeoutException}.
 * Its one subclass, {@link TimeoutExpiredException}, is the form a command run by {@link Subprocess} or
 * {@link Popen} throws (Python's {@code subprocess.TimeoutExpired}): the same timeout, plus the command and the
 * output it wrote so far. Catching {@code UncheckedTimeoutException} catches both. A queue that stays empty or
 * full is not a timeout but {@link QueueEmptyException} / {@link QueueFullException}, as in Python.
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
