package io.procbook.mp.manager;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/** A served queue that tells when its first take() begins and when it has ended (returned or thrown). */
final class ObservedQueue extends LinkedBlockingQueue<String> {

    private static final long serialVersionUID = 1L;

    final transient CountDownLatch taking = new CountDownLatch(1);
    final transient CountDownLatch took = new CountDownLatch(1);

    @Override
    public String take() throws InterruptedException {
        taking.countDown();
        try {
            return super.take();
        } finally {
            took.countDown();
        }
    }
}
