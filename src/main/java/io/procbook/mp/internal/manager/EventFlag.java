package io.procbook.mp.internal.manager;

import io.procbook.mp.ManagedEvent;
import java.time.Duration;

/** The server side of {@code Manager.event}. */
final class EventFlag implements ManagedEvent {

    private boolean flag;

    @Override
    public synchronized void set() {
        flag = true;
        notifyAll();
    }

    @Override
    public synchronized void clear() {
        flag = false;
    }

    @Override
    public synchronized boolean isSet() {
        return flag;
    }

    @Override
    public void await() {
        await(null);
    }

    @Override
    public synchronized boolean await(Duration timeout) {
        Deadline d = Deadline.after(timeout);
        while (!flag) {
            if (!d.waitOn(this)) return false;
        }
        return true;
    }

    @Override
    public synchronized String toString() {
        return "Event(" + (flag ? "set" : "unset") + ")";
    }
}
