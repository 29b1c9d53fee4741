package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;
import java.io.Serializable;

/**
 * Python's {@code multiprocessing.SimpleQueue}: an unbounded shared FIFO with only {@link #put}, {@link #get},
 * {@link #empty} and {@link #close}. It shares {@link Queue}'s shared-memory ring and therefore all its
 * guarantees (several producers and consumers in several processes, FIFO per producer, nothing lost or
 * duplicated, robust to killed processes); like an unbounded {@link Queue}, {@code put} never waits.
 * Thread- and process-safe; serializes as its name.
 *
 * @param <E> the item type
 */
public class SimpleQueue<E> implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    private final transient Queue<E> queue;

    /** Creates an empty queue in new shared memory. */
    public SimpleQueue() {
        this.queue = new Queue<>(0);
    }

    SimpleQueue(Segment seg) {
        this.queue = new Queue<>(seg);
    }

    /**
     * Adds an item; never waits (see {@link Queue} for where items go when the shared ring is full).
     *
     * @throws IllegalArgumentException if the item cannot be serialized
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    public void put(E item) {
        queue.put(item);
    }

    /**
     * Removes and returns the oldest item, waiting as long as the queue is empty.
     *
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    public E get() {
        return queue.get();
    }

    /** Whether the queue looks empty right now (other processes may change that at once). */
    public boolean empty() {
        return queue.empty();
    }

    /** This process stops using the queue; see {@link Queue#close()}. */
    @Override
    public void close() {
        queue.close();
    }

    /**
     * Serialization hook: the queue travels as its name, so the receiver attaches to the same queue (protected
     * so that subclasses in any package inherit it).
     *
     * @return the handle that is serialized instead of this object
     */
    protected final Object writeReplace() {
        queue.checkOpen();
        return new SharedHandle(SharedHandle.Kind.SIMPLE_QUEUE, queue.seg, 0, null);
    }

    @Override
    public String toString() {
        return "SimpleQueue[" + queue.seg.name() + "]";
    }
}
