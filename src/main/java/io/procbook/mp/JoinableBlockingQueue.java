package io.procbook.mp;

import java.util.concurrent.BlockingQueue;

/**
 * A queue held by a manager server that also counts unfinished tasks ({@link Manager#joinableQueue()},
 * Python's {@code JoinableQueue}): every item added counts as unfinished until a consumer calls
 * {@link #taskDone()}; {@link #join()} waits until none is left. Safe from any thread of any process.
 *
 * @param <E> the element type
 */
public interface JoinableBlockingQueue<E> extends BlockingQueue<E> {

    /**
     * Marks one previously taken item as processed.
     *
     * @throws IllegalStateException if called more times than items were added
     */
    void taskDone();

    /**
     * Blocks until every item added has been marked done.
     *
     * @throws UncheckedInterruptedException if the server stops while waiting
     */
    void join();
}
