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
 * @param <E> the item type
 */
public class JoinableQueue<E> extends Queue<E> {

    private static final long serialVersionUID = 1L;

    private static final int OFF_UNFINISHED = OFF_EXTRA + 64;
    private static final int OFF_ALL_DONE = OFF_EXTRA + 128;

    private final transient WaitArea allDone;

    /** Creates an unbounded joinable queue. */
    public JoinableQueue() {
        this(0);
    }

    /** Creates a joinable queue holding at most {@code maxsize} items ({@code <= 0}: unbounded). */
    public JoinableQueue(int maxsize) {
        super(maxsize);
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
     * Marks one previously taken item as done.
     *
     * @throws IllegalStateException if called more times than items were put (Python's ValueError)
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
     * Waits until every item ever put has been marked done with {@link #taskDone()}.
     *
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    public void join() {
        checkOpen();
        Blocking.await(() -> seg.getLong(OFF_UNFINISHED) == 0, Blocking.NO_DEADLINE, null, allDone);
    }

    /**
     * Waits at most {@code timeout} for every item to be marked done.
     *
     * @return true if all were done, false on timeout
     * @throws UncheckedInterruptedException if interrupted while waiting
     */
    public boolean join(Duration timeout) {
        checkOpen();
        return Blocking.await(() -> seg.getLong(OFF_UNFINISHED) == 0, Blocking.deadline(timeout), null, allDone);
    }

    /** The number of items put and not yet marked done. */
    public long unfinishedTasks() {
        return seg.getLong(OFF_UNFINISHED);
    }

    @Override
    SharedHandle.Kind kind() {
        return SharedHandle.Kind.JOINABLE_QUEUE;
    }
}
