package io.procbook.shell;

import java.util.concurrent.CountDownLatch;

/** A latch cells can read (public, so JShell's code sees it): lets a test end a cell's busy loop on its cue. */
public final class TestGate {

    private static volatile CountDownLatch latch = new CountDownLatch(1);

    private TestGate() { }

    /** @return whether the test has opened the gate */
    public static boolean isOpen() {
        return latch.getCount() == 0;
    }

    static void open() {
        latch.countDown();
    }

    static void close() {
        latch = new CountDownLatch(1);
    }
}
