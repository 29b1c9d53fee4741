package io.procbook.mp.internal.manager;

import io.procbook.mp.Acquirable;
import java.time.Duration;

/**
 * The server side of {@code Manager.lock} and {@code Manager.semaphore}: permits with no owner, so (as with
 * Python's Lock) any caller may release. A monitor rather than j.u.c.Semaphore, so that waits end with the
 * same interrupt handling as the other server objects.
 */
final class CountingLock implements Acquirable {

    private final String kind;
    private int permits;

    CountingLock(String kind, int permits) {
        if (permits < 0) throw new IllegalArgumentException(kind + " needs a non-negative count, got " + permits);
        this.kind = kind;
        this.permits = permits;
    }

    @Override
    public void acquire() {
        acquire(null);
    }

    @Override
    public synchronized boolean acquire(Duration timeout) {
        Deadline d = Deadline.after(timeout);
        while (permits == 0) {
            if (!d.waitOn(this)) return false;
        }
        permits--;
        return true;
    }

    @Override
    public synchronized boolean tryAcquire() {
        if (permits == 0) return false;
        permits--;
        return true;
    }

    @Override
    public synchronized void release() {
        permits++;
        notify();
    }

    @Override
    public synchronized String toString() {
        return kind + "(value=" + permits + ")";
    }
}
