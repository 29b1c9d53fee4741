package io.procbook.mp.internal.manager;

import io.procbook.mp.Acquirable;
import java.time.Duration;

/**
 * The server side of {@code Manager.rlock} (and the lock of a managed condition): reentrant, owned by the
 * calling client thread as named by {@link Caller}, since server threads serve connections rather than
 * client threads.
 */
class OwnedLock implements Acquirable {

    private String owner;
    private int count;

    @Override
    public void acquire() {
        acquire(null);
    }

    @Override
    public synchronized boolean acquire(Duration timeout) {
        String me = Caller.current();
        Deadline d = Deadline.after(timeout);
        while (owner != null && !owner.equals(me)) {
            if (!d.waitOn(this)) return false;
        }
        owner = me;
        count++;
        return true;
    }

    @Override
    public synchronized boolean tryAcquire() {
        return acquire(Duration.ZERO);
    }

    @Override
    public synchronized void release() {
        requireOwner("release");
        if (--count == 0) {
            owner = null;
            notifyAll();
        }
    }

    /** Lets go entirely (for a condition wait) and returns the hold count to restore. */
    synchronized int releaseAll() {
        requireOwner("wait");
        int held = count;
        count = 0;
        owner = null;
        notifyAll();
        return held;
    }

    /** Takes the lock back after a condition wait, with the hold count it had. */
    synchronized void reacquire(String me, int held) {
        while (owner != null) {
            Deadline.after(null).waitOn(this);
        }
        owner = me;
        count = held;
    }

    final synchronized void requireOwner(String what) {
        if (!Caller.current().equals(owner)) {
            throw new IllegalStateException("cannot " + what + ": this lock is not held by the calling thread"
                    + " (held by " + (owner == null ? "nobody" : "thread " + owner) + ")");
        }
    }

    @Override
    public synchronized String toString() {
        return "RLock(" + (owner == null ? "unlocked" : "owner=" + owner + ", count=" + count) + ")";
    }
}
