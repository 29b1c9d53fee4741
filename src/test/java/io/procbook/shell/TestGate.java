package io.procbook.shell;

import java.util.concurrent.CountDownLatch;

/** A latch cells can read (public, so JShell's code sees it): lets a test end a cell's busy loop on its cue. */
public final class TestGate {

    private static volatile CountDownLatch latch = new CountDownLatch(1);
    private static final Object MONITOR = new Object();

    private TestGate() { }

    /** @return whether the test has opened the gate */
    public static boolean isOpen() {
        return latch.getCount() == 0;
    }

    /** Blocks until the test opens the gate. */
    public static void awaitOpen() throws InterruptedException {
        latch.await();
    }

    /**
     * Blocks until the gate opens, swallowing every stop and interrupt: code JShell did not load has no stop
     * checks, so this stands for code blocked in native code that an interrupt cannot end. It waits on a plain
     * monitor: {@code Thread.stop} in the middle of a {@code CountDownLatch.await} can break the latch.
     */
    @SuppressWarnings("removal")
    public static void awaitIgnoringStops() {
        while (!isOpen()) {
            try {
                synchronized (MONITOR) {
                    if (!isOpen()) MONITOR.wait();
                }
            } catch (InterruptedException | ThreadDeath e) {
                // ignored on purpose
            }
        }
    }

    static void open() {
        latch.countDown();
        synchronized (MONITOR) {
            MONITOR.notifyAll();
        }
    }

    static void close() {
        latch = new CountDownLatch(1);
    }
}
