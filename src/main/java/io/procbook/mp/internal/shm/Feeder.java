package io.procbook.mp.internal.shm;

import java.util.ArrayDeque;

/**
 * What makes an unbounded queue's {@code put} never block, as in Python: when the shared ring is full, items
 * wait in this process's memory, in order, and a feeder thread moves them into the ring as consumers make
 * room (Python's queue feeder thread, which does the same with a pipe).
 *
 * <p>Order: once anything is waiting here, every later put of this process queues behind it, so items from
 * one thread keep their order. The feeder is not a daemon: like Python, a process does not exit normally
 * until what it put has reached the shared ring (System.exit and kill lose what is still here). The feeder
 * holds its own reference to the segment, so closing the queue does not lose waiting items.
 */
public final class Feeder {

    private final MessageRing ring;
    private final Segment seg;
    private final ArrayDeque<MessageRing.Outgoing> waiting = new ArrayDeque<>();
    private volatile boolean backlog;
    private Thread thread;

    /** A feeder for {@code ring}, which lives in {@code seg}. */
    public Feeder(MessageRing ring, Segment seg) {
        this.ring = ring;
        this.seg = seg;
    }

    /** Puts now if nothing waits and the ring has room; otherwise queues the item for the feeder thread. */
    public void put(MessageRing.Outgoing out) {
        if (!backlog && ring.tryPut(out)) {
            return;
        }
        synchronized (this) {
            if (waiting.isEmpty() && ring.tryPut(out)) {
                return;
            }
            waiting.add(out);
            backlog = true;
            if (thread == null) {
                seg.retain();
                thread = new Thread(this::feed, "procbook-queue-feeder-" + seg.name());
                thread.start();
            }
        }
    }

    /** Items of this process not yet in the shared ring. */
    public synchronized int pending() {
        return waiting.size();
    }

    private void feed() {
        try {
            while (true) {
                MessageRing.Outgoing next;
                synchronized (this) {
                    next = waiting.peek();
                    if (next == null) {
                        backlog = false;
                        thread = null;
                        return;
                    }
                }
                try {
                    ring.put(next, Blocking.NO_DEADLINE);
                } catch (InterruptedException e) {
                    // As before this layer reported interrupts as the JDK does: the thread ends, noisily. The
                    // ring has discarded the item; those behind it stay here.
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("the feeder of queue " + seg.name() + " was interrupted: an"
                            + " item is lost and " + pending() + " more wait in this process", e);
                }
                synchronized (this) {
                    waiting.poll();
                }
            }
        } finally {
            seg.release();
        }
    }
}
