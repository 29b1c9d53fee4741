package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;
import java.io.Serializable;

/**
 * Python's {@code multiprocessing.SimpleQueue}: an unbounded shared FIFO with only {@link #put}, {@link #get},
 * {@link #empty} and {@link #close}. It shares {@link Queue}'s shared-memory ring and therefore all its
 * guarantees (several producers and consumers in several processes, FIFO per producer, nothing lost or
 * duplicated, robust to killed processes); like an unbounded {@link Queue}, {@code put} never waits.
 * Thread- and process-safe; serializes as its name, so a copy received by a child is the same queue. Its
 * shared memory is removed once every process using it has closed it or exited; after {@link #close()} in
 * this process, {@code put} and {@code get} throw {@link IllegalStateException}.
 *
 * @param <E> the item type
 */
public class SimpleQueue<E> implements Serializable, AutoCloseable {

    private static final long serialVersionUID = 1L;

    /** The unbounded queue that does the work. */
    private final transient Queue<E> queue;

    /**
     * Creates an empty queue in new shared memory.
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public SimpleQueue() {
        this.queue = new Queue<>(0);
    }

    SimpleQueue(Segment seg) {
        this.queue = new Queue<>(seg);
    }

    /**
     * Adds an item; never waits (see {@link Queue} for where items go when the shared ring is full), so it
     * never throws {@link UncheckedInterruptedException}.
     *
     * @param item the item; may be null
     * @throws IllegalArgumentException     if the item is not Serializable
     * @throws java.io.UncheckedIOException if the item cannot be serialized for another reason
     * @throws IllegalStateException        if this queue was closed in this process
     */
    public void put(E item) {
        queue.put(item);
    }

    /**
     * Removes and returns the oldest item, waiting with no time limit as long as the queue is empty. The wait
     * is interruptible.
     *
     * @return the item
     * @throws IllegalStateException         if this queue was closed in this process, or the item's class
     *                                       cannot be loaded here (the item is then consumed)
     * @throws java.io.UncheckedIOException  if the item cannot be deserialized (the item is then consumed)
     * @throws UncheckedInterruptedException if interrupted while waiting; nothing was taken
     */
    public E get() {
        return queue.get();
    }

    /**
     * Tells whether the queue looks empty right now (other processes may change that at once). Never blocks.
     *
     * @return whether the queue looks empty
     */
    public boolean empty() {
        return queue.empty();
    }

    /** This process stops using the queue; see {@link Queue#close()}. Idempotent; never blocks. */
    @Override
    public void close() {
        queue.close();
    }

    /**
     * Serialization hook: the queue travels as its name, so the receiver attaches to the same queue (protected
     * so that subclasses in any package inherit it).
     *
     * @return the handle that is serialized instead of this object
     * @throws IllegalStateException if this queue was closed in this process
     */
    protected final Object writeReplace() {
        queue.checkOpen();
        return new SharedHandle(queue.seg, 0, new Attach());
    }

    /**
     * Describes the queue by its shared-memory name.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "SimpleQueue[" + queue.seg.name() + "]";
    }

    /** How a {@code SimpleQueue}'s copy attaches. */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new SimpleQueue<>(seg);
        }
    }
}
