package io.procbook.mp;

import io.procbook.mp.internal.pool.ItemBuffer;
import io.procbook.mp.internal.shm.Blocking;

import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The results of {@link Pool#imap} (in item order) or {@link Pool#imapUnordered} (in completion order), one by
 * one as they finish (Python's {@code IMapIterator}). {@link #hasNext()} never blocks: the number of results
 * is known; the end is a plain end of iteration. A failed item throws from its {@code next} call and the
 * iteration can go on with the following items.
 *
 * <p>Safe for use by several threads; each result is handed out once. It belongs to the process whose pool
 * made it: it is not Serializable and cannot be sent to a child. {@link #remove()} is not supported.
 *
 * @param <T> the result type
 */
public final class PoolIterator<T> implements Iterator<T> {

    private final ItemBuffer buffer;
    /** A {@link System#nanoTime()} deadline that bounds every wait, or {@code Long.MAX_VALUE} for none. */
    private final long deadline;
    /** Results not yet handed out (as values or as failures). */
    private final AtomicInteger remaining;

    PoolIterator(ItemBuffer buffer, int total, long deadline) {
        this.buffer = buffer;
        this.remaining = new AtomicInteger(total);
        this.deadline = deadline;
    }

    /**
     * Tells whether results remain to be handed out, whether or not they have arrived. Never blocks.
     *
     * @return whether results remain
     */
    @Override
    public boolean hasNext() {
        return buffer.hasMore();
    }

    /**
     * Returns how many results are still to be handed out, whether or not they have arrived. Never blocks.
     *
     * @return the number of {@code next} calls that will still return a result or throw a task's failure
     */
    public int remaining() {
        return remaining.get();
    }

    /**
     * Blocks until the next result is there. The wait has no time limit and is interruptible.
     *
     * @return the next result
     * @throws NoSuchElementException        if every result was handed out
     * @throws TaskFailedException           if this item's task failed
     * @throws java.util.concurrent.CancellationException if the pool was terminated first
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again); the
     *                                       result is not lost, a later call gets it
     */
    @Override
    public T next() {
        return take(deadline);
    }

    /**
     * Blocks until the next result is there or the timeout elapses (Python's {@code next(timeout)}). The wait
     * is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative only checks
     * @return the next result
     * @throws UncheckedTimeoutException     if no result came in time (a later call can still get it)
     * @throws NoSuchElementException        if every result was handed out
     * @throws TaskFailedException           if this item's task failed
     * @throws java.util.concurrent.CancellationException if the pool was terminated first
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again)
     */
    public T next(Duration timeout) {
        return take(Math.min(Blocking.deadline(timeout), deadline));
    }

    /**
     * Blocks until the next result is there or the timeout elapses, as {@link #next(Duration)} does.
     *
     * @param timeout how long to wait at most; zero or negative only checks
     * @param unit    its unit
     * @return the next result
     * @throws UncheckedTimeoutException     if no result came in time (a later call can still get it)
     * @throws NoSuchElementException        if every result was handed out
     * @throws TaskFailedException           if this item's task failed
     * @throws java.util.concurrent.CancellationException if the pool was terminated first
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again)
     * @throws NullPointerException          if {@code unit} is null
     * @deprecated timeouts in this package are {@link Duration}s: use {@link #next(Duration)}
     */
    @Deprecated
    public T next(long timeout, TimeUnit unit) {
        return take(Math.min(Blocking.deadline(timeout, unit), deadline));
    }

    @SuppressWarnings("unchecked")
    private T take(long until) {
        ItemBuffer.Taken t;
        try {
            t = buffer.take(until);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (TimeoutException e) {
            throw new UncheckedTimeoutException("no result in time");
        }
        remaining.decrementAndGet();
        if (t.failure() != null) throw AsyncResult.failure(t.failure());
        return (T) t.value();
    }
}
