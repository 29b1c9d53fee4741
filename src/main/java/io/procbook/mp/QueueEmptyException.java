package io.procbook.mp;

import java.util.NoSuchElementException;

/**
 * Thrown by {@link Queue#getNowait()} and by a timed {@link Queue#get(java.time.Duration)} when no item arrives
 * in time: Python's {@code queue.Empty}. It extends {@link NoSuchElementException}, which is what
 * {@code java.util.Queue.remove()} throws on an empty queue, so either name can be caught.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class QueueEmptyException extends NoSuchElementException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was empty, and for how long it was waited on
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}
