package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.internal.shm.Segment;
import io.procbook.mp.internal.shm.WaitArea;
import java.time.Duration;

/**
 * A {@link Queue} that also counts unfinished tasks: Python's {@code multiprocessing.JoinableQueue}. Every
 * {@code put} adds one unfinished task; a consumer calls {@link #taskDone()} when it has finished with an
 * item; {@link #join()} waits until the count is back to zero. The count is in shared memory, so producers,
 * consumers and joiners may be in any processes. Thread- and process-safe; serializes as its name.
 *
 * <p>A consumer whose process dies after taking an item and before {@code taskDone()} leaves that item
 * unfinished forever, so {@link #join()} without a timeout then waits forever (as in Python).
 *
 * @param <E> the item type
 */
public class JoinableQueue<E> extends Queue<E> {

    private static final long serialVersionUID = 1L;

    private static final int OFF_UNFINISHED = OFF_EXTRA + 64;
    private static final int OFF_ALL_DONE = OFF_EXTRA + 128;

    private final transient WaitArea allDone;

    /**
     * Creates an unbounded joinable queue in new shared memory.
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public JoinableQueue() {
        this(0);
    }

    /**
     * Creates a joinable queue holding at most {@code maxSize} items, in new shared memory.
     *
     * @param maxSize the capacity; {@code <= 0} for unbounded
     * @throws IllegalArgumentException     if the ring for {@code maxSize} items would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created
     */
    public JoinableQueue(int maxSize) {
        super(maxSize);
        this.allDone = new WaitArea(seg, OFF_ALL_DONE);
    }

    JoinableQueue(Segment seg) {
        super(seg);
        this.allDone = new WaitArea(seg, OFF_ALL_DONE);
    }

    @Override
    void beforePut() {
        seg.getAndAddLong(OFF_UNFINISHED, 1);
    }

    @Override
    void afterFailedPut() {
        finishOne();
    }

    /**
     * Marks one previously taken item as done, and wakes the joiners if it was the last. Never blocks.
     *
     * @throws IllegalStateException if called more times than items were put (Python's ValueError), or this
     *                               queue was closed in this process
     */
    public void taskDone() {
        checkOpen();
        while (true) {
            long n = seg.getLong(OFF_UNFINISHED);
            if (n <= 0) {
                throw new IllegalStateException("taskDone() called more times than there were items put");
            }
            if (seg.casLong(OFF_UNFINISHED, n, n - 1)) {
                if (n == 1) {
                    allDone.signal();
                }
                return;
            }
        }
    }

    private void finishOne() {
        if (seg.getAndAddLong(OFF_UNFINISHED, -1) == 1) {
            allDone.signal();
        }
    }

    /**
     * Waits, with no time limit, until every item ever put has been marked done with {@link #taskDone()}. The
     * wait is interruptible.
     *
     * @throws IllegalStateException         if this queue was closed in this process
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     */
    public void join() {
        checkOpen();
        Waits.await(() -> seg.getLong(OFF_UNFINISHED) == 0, Blocking.NO_DEADLINE, null, allDone);
    }

    /**
     * Waits at most {@code timeout} for every item to be marked done. The wait is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative only checks
     * @return true if all were done, false on timeout
     * @throws IllegalStateException         if this queue was closed in this process
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again)
     */
    public boolean join(Duration timeout) {
        checkOpen();
        return Waits.await(() -> seg.getLong(OFF_UNFINISHED) == 0, Blocking.deadline(timeout), null, allDone);
    }

    /**
     * Returns the number of items put and not yet marked done: a snapshot. Never blocks.
     *
     * @return the number of unfinished items
     */
    public long unfinishedTasks() {
        return seg.getLong(OFF_UNFINISHED);
    }

    @Override
    SharedHandle serialForm() {
        return new SharedHandle(seg, 0, new Attach());
    }

    /** How a {@code JoinableQueue}'s copy attaches. */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new JoinableQueue<>(seg);
        }
    }
}
