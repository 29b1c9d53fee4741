package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Feeder;
import io.procbook.mp.internal.shm.MessageRing;
import io.procbook.mp.internal.shm.Segment;
import java.io.Serializable;
import java.time.Duration;

/**
 * A FIFO queue shared by processes and threads: Python's {@code multiprocessing.Queue}. Items live in a ring
 * in shared memory (no feeder thread, no pipe, no system call on the fast path); they are copied in and out:
 * ints, longs, doubles, booleans, strings and byte arrays directly, anything else through Java serialization
 * (it must be {@link java.io.Serializable}). {@code null} is a valid item.
 *
 * <p><b>The name.</b> In a notebook cell, {@code Queue} is this class, not the JDK's {@link java.util.Queue}
 * interface: the kernel imports it by name, as Python's name is the point. Write the JDK's by its full name,
 * {@code java.util.Queue}. This class does not implement it; a manager serves {@code BlockingQueue}s.
 *
 * <p>Any number of producers and consumers, in any processes. Items from one producer thread come out in the
 * order it put them; none is lost or duplicated. A process killed while blocked in {@code get} loses nothing;
 * one killed in the middle of a {@code get} loses at most the item it was taking; one killed in the middle of
 * a {@code put} loses only that item. Nobody else's items are affected.
 *
 * <p>Capacity: a bounded queue holds {@code maxSize} items and {@code put} waits while it is full. An unbounded
 * queue ({@code maxSize <= 0}) never makes {@code put} wait, as in Python: its shared ring holds 32,768 items,
 * and beyond that the producing process keeps items in memory, in order, and a feeder thread moves them in as
 * consumers make room. As in Python, a process then does not exit normally before its items have moved in
 * (the "join a process before its queue is drained" deadlock of the Python docs).
 *
 * <p>Passing a queue to another process (as an argument, or captured by a lambda) passes its name: both sides
 * use the same queue. Blocking operations spin briefly, then sleep at no CPU cost until woken; they throw
 * {@link UncheckedInterruptedException} (with the interrupt flag set again) if the thread is interrupted while
 * waiting, and an operation that can complete at once does not look at the flag.
 *
 * <p>Thread- and process-safe. Its shared memory is removed once every process using it has {@link #close()
 * closed} it or exited. After {@code close()} in this process, {@code put}, {@code get} and their variants
 * throw {@link IllegalStateException}. Items are encoded in the putting thread, so a put that fails to
 * serialize its item throws there and adds nothing; an item that cannot be decoded by the taking process (its
 * class is unknown there) makes that {@code get} throw, and the item is consumed.
 *
 * @param <E> the item type
 */
public class Queue<E> extends SharedObject {

    private static final long serialVersionUID = 1L;

    static final int UNBOUNDED_CAPACITY = 1 << 15;
    /** The ring starts after the extra words JoinableQueue needs, so every queue kind has one layout. */
    static final int OFF_EXTRA = Segment.HEADER;
    static final int OFF_RING = Segment.HEADER + 512;

    final transient MessageRing ring;
    /** Only for unbounded queues: keeps {@code put} from ever blocking. */
    private final transient Feeder feeder;
    private final transient int maxsize;

    /**
     * Creates an unbounded queue in new shared memory (see the class comment for what "unbounded" means here).
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Queue() {
        this(0);
    }

    /**
     * Creates a queue holding at most {@code maxSize} items, in new shared memory.
     *
     * @param maxSize the capacity; {@code <= 0} for unbounded
     * @throws IllegalArgumentException     if the ring for {@code maxSize} items would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public Queue(int maxSize) {
        this(create(maxSize));
    }

    Queue(Segment seg) {
        super(seg);
        this.ring = new MessageRing(seg, OFF_RING);
        this.maxsize = seg.getLong(OFF_EXTRA + 8) > 0 ? ring.capacity() : 0;
        this.feeder = maxsize > 0 ? null : new Feeder(ring, seg);
    }

    private static Segment create(int maxsize) {
        int capacity = maxsize > 0 ? maxsize : UNBOUNDED_CAPACITY;
        Segment seg = Segment.create(OFF_RING - Segment.HEADER + MessageRing.bytes(capacity));
        MessageRing.init(seg, OFF_RING, capacity);
        seg.setLong(OFF_EXTRA + 8, maxsize > 0 ? 1 : 0);
        return seg;
    }

    /**
     * Adds an item, waiting with no time limit as long as a bounded queue is full (an unbounded one never
     * waits). The wait is interruptible.
     *
     * @param item the item; may be null
     * @throws IllegalArgumentException      if the item is not Serializable
     * @throws java.io.UncheckedIOException  if the item cannot be serialized for another reason, or a large
     *                                       item cannot be written to shared memory
     * @throws IllegalStateException         if this queue was closed in this process
     * @throws UncheckedInterruptedException if interrupted while waiting; the item was not added
     */
    public void put(E item) {
        offer(item, Blocking.NO_DEADLINE);
    }

    /**
     * Adds an item, waiting at most {@code timeout} for room in a bounded queue (an unbounded one never waits).
     * The wait is interruptible.
     *
     * @param item    the item; may be null
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative tries once
     * @throws QueueFullException            if the queue stayed full for the whole timeout; the item was not
     *                                       added
     * @throws IllegalArgumentException      if the item is not Serializable
     * @throws java.io.UncheckedIOException  if the item cannot be serialized for another reason, or a large
     *                                       item cannot be written to shared memory
     * @throws IllegalStateException         if this queue was closed in this process
     * @throws UncheckedInterruptedException if interrupted while waiting; the item was not added
     */
    public void put(E item, Duration timeout) {
        if (!offer(item, Blocking.deadline(timeout))) {
            throw new QueueFullException("queue full (maxSize " + ring.capacity() + ") for " + timeout);
        }
    }

    /**
     * Adds an item if there is room right now (always, for an unbounded queue). Never waits.
     *
     * @param item the item; may be null
     * @throws QueueFullException           if the queue is full; the item was not added
     * @throws IllegalArgumentException     if the item is not Serializable
     * @throws java.io.UncheckedIOException  if the item cannot be serialized for another reason, or a large
     *                                      item cannot be written to shared memory
     * @throws IllegalStateException        if this queue was closed in this process
     */
    public void putNowait(E item) {
        checkOpen();
        MessageRing.Outgoing out = ring.encode(item);
        beforePut();
        if (feeder != null) {
            feeder.put(out);
            return;
        }
        if (!ring.tryPut(out)) {
            out.discard();
            afterFailedPut();
            throw new QueueFullException("queue full (maxSize " + ring.capacity() + ")");
        }
    }

    private boolean offer(E item, long deadline) {
        checkOpen();
        MessageRing.Outgoing out = ring.encode(item);
        beforePut();
        if (feeder != null) {
            feeder.put(out);
            return true;
        }
        boolean put;
        try {
            put = Waits.put(ring, out, deadline, null, null);
        } catch (RuntimeException | Error e) { // interrupted: the item was not added, so it is not unfinished
            afterFailedPut();
            throw e;
        }
        if (!put) afterFailedPut();
        return put;
    }

    /** Hook for JoinableQueue: counts the item as unfinished before anyone can take it. */
    void beforePut() {
    }

    /** Hook for JoinableQueue: undoes {@link #beforePut()}. */
    void afterFailedPut() {
    }

    /**
     * Removes and returns the oldest item, waiting with no time limit as long as the queue is empty. The wait
     * is interruptible. It waits even if no other process uses the queue any more.
     *
     * @return the item
     * @throws IllegalStateException         if this queue was closed in this process, or the item's class
     *                                       cannot be loaded here (the item is then consumed)
     * @throws java.io.UncheckedIOException  if the item cannot be deserialized, or a large item's file cannot
     *                                       be read (the item is then consumed)
     * @throws UncheckedInterruptedException if interrupted while waiting; nothing was taken
     */
    @SuppressWarnings("unchecked")
    public E get() {
        checkOpen();
        return (E) Waits.take(ring, Blocking.NO_DEADLINE, null, null, null);
    }

    /**
     * Removes and returns the oldest item, waiting at most {@code timeout}. The wait is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative only checks
     * @return the item
     * @throws QueueEmptyException           if no item arrived within the timeout
     * @throws IllegalStateException         if this queue was closed in this process, or the item's class
     *                                       cannot be loaded here (the item is then consumed)
     * @throws java.io.UncheckedIOException  if the item cannot be deserialized, or a large item's file cannot
     *                                       be read (the item is then consumed)
     * @throws UncheckedInterruptedException if interrupted while waiting; nothing was taken
     */
    @SuppressWarnings("unchecked")
    public E get(Duration timeout) {
        checkOpen();
        Object m = Waits.take(ring, Blocking.deadline(timeout), null, null, null);
        if (m == MessageRing.NONE) {
            throw new QueueEmptyException("queue empty for " + timeout);
        }
        return (E) m;
    }

    /**
     * Removes and returns the oldest item if there is one right now. Never waits (though it may spin for a
     * moment while another process is in the middle of writing the oldest item).
     *
     * @return the item
     * @throws QueueEmptyException           if the queue is empty
     * @throws IllegalStateException         if this queue was closed in this process, or the item's class
     *                                       cannot be loaded here (the item is then consumed)
     * @throws java.io.UncheckedIOException  if the item cannot be deserialized, or a large item's file cannot
     *                                       be read (the item is then consumed)
     */
    @SuppressWarnings("unchecked")
    public E getNowait() {
        checkOpen();
        Object m = ring.tryTake();
        if (m == MessageRing.NONE) {
            throw new QueueEmptyException("queue empty");
        }
        return (E) m;
    }

    /**
     * Python's {@code qsize()}: returns the number of items in the queue. Approximate, as in Python: other
     * processes change it concurrently, and items being put or taken at this instant may or may not be
     * counted. Never blocks.
     *
     * @return the number of items in the shared ring, plus those of this process still waiting to move in
     */
    public int size() {
        return (int) ring.size() + (feeder == null ? 0 : feeder.pending());
    }

    /**
     * Returns the number of items in the queue, as {@link #size()} does.
     *
     * @return the number of items
     * @deprecated one convention for Python's names (camelCase words): use {@link #size()}
     */
    @Deprecated
    public int qsize() {
        return size();
    }

    /**
     * Tells whether the queue looks empty (approximate, like {@link #size()}). Never blocks.
     *
     * @return whether {@link #size()} is 0
     */
    public boolean empty() {
        return size() == 0;
    }

    /**
     * Tells whether the queue looks full (approximate, like {@link #size()}). Never blocks.
     *
     * @return whether a bounded queue holds {@code maxSize} items; never true for an unbounded queue
     */
    public boolean full() {
        return maxsize > 0 && ring.size() >= maxsize;
    }

    /**
     * Python's {@code maxsize}: returns the capacity given at creation. Never blocks.
     *
     * @return the maximum number of items, or 0 for an unbounded queue
     */
    public int maxSize() {
        return maxsize;
    }

    /**
     * Returns the capacity given at creation, as {@link #maxSize()} does.
     *
     * @return the maximum number of items, or 0 for an unbounded queue
     * @deprecated one convention for Python's names (camelCase words): use {@link #maxSize()}
     */
    @Deprecated
    public int maxsize() {
        return maxSize();
    }

    /** This queue's serialized form; {@link JoinableQueue} has its own. */
    SharedHandle serialForm() {
        return new SharedHandle(seg, 0, new Attach());
    }

    /**
     * Serialization hook: the queue travels as its name, so the receiver attaches to the same queue (protected
     * so that subclasses in any package inherit it).
     *
     * @return the handle that is serialized instead of this object
     * @throws IllegalStateException if this queue was closed in this process
     */
    protected final Object writeReplace() {
        checkOpen();
        return serialForm();
    }

    /**
     * Describes the queue: its shared-memory name and approximate size.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + seg.name() + ", size~" + size() + "]";
    }

    /** How a {@code Queue}'s copy attaches. */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new Queue<>(seg);
        }
    }
}
