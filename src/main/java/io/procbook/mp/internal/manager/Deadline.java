package io.procbook.mp.internal.manager;

import io.procbook.mp.UncheckedInterruptedException;
import io.procbook.mp.internal.shm.Blocking;
import java.time.Duration;

/** Monitor waits with an optional deadline, for the server-side synchronization objects. */
final class Deadline {

    private final long end;

    private Deadline(long end) {
        this.end = end;
    }

    /** @param timeout null: never expires */
    static Deadline after(Duration timeout) {
        return new Deadline(Blocking.deadline(timeout)); // NO_DEADLINE is Long.MAX_VALUE: never expires
    }

    /**
     * Waits on {@code monitor} (whose lock the caller holds) until notified or expired.
     *
     * @return false if the deadline had passed
     * @throws UncheckedInterruptedException when the server stops (it interrupts its connection threads)
     */
    boolean waitOn(Object monitor) {
        long left = end == Long.MAX_VALUE ? 0 : end - System.nanoTime();
        if (end != Long.MAX_VALUE && left <= 0) return false;
        try {
            if (end == Long.MAX_VALUE) monitor.wait();
            else monitor.wait(Math.max(1, left / 1_000_000), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedInterruptedException(e);
        }
        return true;
    }
}
