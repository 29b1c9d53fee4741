package io.procbook.mp;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * An iterator that counts on a progress bar, as tqdm does: an item counts as done when the loop asks for the
 * next one (its body has run), an item whose {@code next()} throws counts as failed, and the bar ends when the
 * iteration does. Not safe for concurrent use (as iterators in general); the bar itself is.
 */
final class TrackedIterator<T> implements Iterator<T> {

    /**
     * Counting reads the clock, which costs up to ~70 ns on some virtual machines, more than a fast loop body:
     * while the bar is told of items less than a millisecond apart, it is told of them in batches (as tqdm's
     * miniters), up to {@value #MAX_BATCH} items. The cap bounds how stale the count gets if the loop then slows
     * down a lot: at most that many slow items.
     */
    private static final long BATCH_NANOS = 1_000_000L;
    private static final int MAX_BATCH = 256;

    private final Iterator<T> source;
    private final ProgressBar bar;
    /** An item was handed out and its loop body is running: it counts once the loop comes back. */
    private boolean handedOut;
    /** Items done but not yet told to the bar. */
    private int unflushed;
    /** How many done items to gather before telling the bar (and reading the clock). */
    private int batch = 1;
    private boolean flushedOnce;
    private long lastFlushNanos;

    TrackedIterator(Iterator<T> source, ProgressBar bar) {
        this.source = source;
        this.bar = bar;
    }

    @Override
    public boolean hasNext() {
        countHandedOut();
        boolean more;
        try {
            more = source.hasNext();
        } catch (RuntimeException e) {
            bar.abort(e);
            throw e;
        }
        if (!more) {
            flush();
            bar.close();
        }
        return more;
    }

    @Override
    public T next() {
        countHandedOut();
        T item;
        try {
            item = source.next();
        } catch (NoSuchElementException e) {
            flush();
            bar.close();
            throw e;
        } catch (UncheckedInterruptedException | UncheckedTimeoutException e) {
            throw e; // the item is not lost: a later next() gets it
        } catch (RuntimeException e) {
            flush();
            bar.fail(e);
            throw e;
        }
        handedOut = true;
        return item;
    }

    @Override
    public void remove() {
        source.remove();
    }

    @Override
    public void forEachRemaining(Consumer<? super T> action) {
        while (hasNext()) action.accept(next());
    }

    private void countHandedOut() {
        if (!handedOut) return;
        handedOut = false;
        if (++unflushed >= batch) flush();
    }

    /** Tells the bar; doubles the batch while flushes come less than a millisecond apart, halves it after. */
    private void flush() {
        if (unflushed == 0) return;
        long now = bar.advanceTimed(unflushed);
        unflushed = 0;
        long since = now - lastFlushNanos;
        lastFlushNanos = now;
        if (!flushedOnce) {
            flushedOnce = true;
        } else if (since < BATCH_NANOS) {
            batch = Math.min(MAX_BATCH, batch * 2);
        } else if (since > 20 * BATCH_NANOS) {
            batch = Math.max(1, batch / 2);
        }
    }
}
