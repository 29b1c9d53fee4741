package io.procbook.mp.internal.manager;

import io.procbook.mp.ManagedCondition;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The server side of {@code Manager.condition}: an {@link OwnedLock} plus a FIFO of waiters, each woken by
 * one signal. A waiter's flag is guarded by this object's monitor, the lock's state by the lock's monitor;
 * the two are never held together in the opposite order.
 */
final class OwnedCondition extends OwnedLock implements ManagedCondition {

    private final Object waiters = new Object();
    private final ArrayDeque<boolean[]> queue = new ArrayDeque<>();

    @Override
    public void await() {
        await(null);
    }

    @Override
    public boolean await(Duration timeout) {
        String me = Caller.current();
        boolean[] woken = new boolean[1];
        synchronized (waiters) {
            requireOwner("wait");
            queue.add(woken);
        }
        int held = releaseAll();
        Deadline d = Deadline.after(timeout);
        try {
            synchronized (waiters) {
                while (!woken[0]) {
                    if (!d.waitOn(waiters)) {
                        queue.remove(woken);
                        break;
                    }
                }
            }
        } finally {
            reacquire(me, held);
        }
        return woken[0];
    }

    @Override
    public void signal() {
        synchronized (waiters) {
            requireOwner("notify");
            boolean[] w = queue.poll();
            if (w != null) {
                w[0] = true;
                waiters.notifyAll();
            }
        }
    }

    @Override
    public void signalAll() {
        synchronized (waiters) {
            requireOwner("notify");
            for (boolean[] w : queue) w[0] = true;
            queue.clear();
            waiters.notifyAll();
        }
    }

    @Override
    public String toString() {
        return "Condition(" + super.toString() + ")";
    }
}
