package io.procbook.mp.manager;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A served queue that tells when its first take() begins and when it has ended (returned or thrown), and what
 * the first take returned.
 */
final class ObservedQueue extends LinkedBlockingQueue<String> {

    private static final long serialVersionUID = 1L;

    final transient CountDownLatch taking = new CountDownLatch(1);
    final transient CountDownLatch took = new CountDownLatch(1);
    /** What the first take() returned; null while it has not, or if it threw. */
    volatile String firstTaken;

    @Override
    public String take() throws InterruptedException {
        taking.countDown();
        try {
            String item = super.take();
            if (took.getCount() > 0) firstTaken = item;
            return item;
        } finally {
            took.countDown();
        }
    }
}
