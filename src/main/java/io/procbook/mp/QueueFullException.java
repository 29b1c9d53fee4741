package io.procbook.mp;

/**
 * Thrown by {@link Queue#putNowait(Object)} and by a timed {@link Queue#put(Object, java.time.Duration)} when the
 * queue stays full: Python's {@code queue.Full}. It extends {@link IllegalStateException}, which is what
 * {@code java.util.concurrent.BlockingQueue.add} throws on a full queue, so either name can be caught.
 *
 * <p>Instances are immutable and safe to share between threads. Like every exception of this library it is
 * Serializable, so it can be thrown in a child process or a manager server and re-thrown in the caller.
 */
public class QueueFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was full, and for how long it was waited on
     */
    public QueueFullException(String message) {
        super(message);
    }
}
