package io.procbook.mp.internal.manager;

import io.procbook.mp.JoinableBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The server side of {@code Manager.joinableQueue}: counts every successful insertion (offer, put and add,
 * which goes through offer) as an unfinished task.
 */
final class JoinableLinkedQueue<E> extends LinkedBlockingQueue<E> implements JoinableBlockingQueue<E> {

    private static final long serialVersionUID = 1L;
    private final Object tasks = new Object();
    private long unfinished;

    // counted before the item becomes visible, so a fast consumer's taskDone() never finds the count at zero
    @Override
    public boolean offer(E e) {
        count(1);
        if (super.offer(e)) return true;
        count(-1);
        return false;
    }

    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        count(1);
        boolean added = false;
        try {
            added = super.offer(e, timeout, unit);
            return added;
        } finally {
            if (!added) count(-1);
        }
    }

    @Override
    public void put(E e) throws InterruptedException {
        count(1);
        boolean added = false;
        try {
            super.put(e);
            added = true;
        } finally {
            if (!added) count(-1);
        }
    }

    private void count(int delta) {
        synchronized (tasks) {
            unfinished += delta;
        }
    }

    @Override
    public void taskDone() {
        synchronized (tasks) {
            if (unfinished == 0) throw new IllegalStateException("taskDone() called more times than items were put");
            if (--unfinished == 0) tasks.notifyAll();
        }
    }

    @Override
    public void join() {
        synchronized (tasks) {
            while (unfinished > 0) {
                Deadline.after(null).waitOn(tasks);
            }
        }
    }
}
