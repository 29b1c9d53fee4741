package io.procbook.mp;

/**
 * A {@link ProcessPoolExecutor} is broken: one of its workers died abruptly (or its initializer failed), so
 * every pending future fails with this and new submissions are refused, as Python's
 * {@code concurrent.futures.process.BrokenProcessPool}. The cause says what happened to the worker.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class BrokenProcessPoolException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what broke the pool
     * @param cause   the worker's failure, or {@code null}
     */
    public BrokenProcessPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
