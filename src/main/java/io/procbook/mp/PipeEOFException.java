package io.procbook.mp;

import java.io.EOFException;
import java.io.UncheckedIOException;

/**
 * Thrown by {@link Connection#recv()} and {@link Connection#recvBytes()} when every message has been received
 * and the other end of the pipe is closed in every process that had it (or those processes died): nothing can
 * ever arrive. Python's {@code EOFError}. It is the unchecked form of {@link EOFException}, which is its cause,
 * in the JDK's way ({@link UncheckedIOException}).
 */
public class PipeEOFException extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what ended
     */
    public PipeEOFException(String message) {
        super(message, new EOFException(message));
    }
}
