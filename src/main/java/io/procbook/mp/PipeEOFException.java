package io.procbook.mp;

import java.io.EOFException;
import java.io.UncheckedIOException;

/**
 * Thrown by {@link Connection#recv()} and {@link Connection#recvBytes()} when every message has been received
 * and the other end of the pipe is closed in every process that had it (or those processes died): nothing can
 * ever arrive. Python's {@code EOFError}. It is the unchecked form of {@link EOFException}, which is its cause,
 * in the JDK's way ({@link UncheckedIOException}).
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class PipeEOFException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception, with an {@link EOFException} of the same message as its cause.
     *
     * @param message what ended
     */
    public PipeEOFException(String message) {
        super(message, new EOFException(message));
    }
}
