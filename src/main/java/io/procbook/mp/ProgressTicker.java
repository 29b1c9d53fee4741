package io.procbook.mp;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Redraws the bars of pool work about once a second while nothing moves, so that their elapsed time and ETA
 * keep moving between chunks (a map of 100,000 items on two workers has eight). One daemon thread for all
 * bars, started with the first and ending within a second of the last one's end: a program (or test) that
 * has no running bar has no such thread. Thread-safe.
 */
final class ProgressTicker {

    static final long TICK_NANOS = 1_000_000_000L;
    static final String THREAD_NAME = "procbook-progress";

    private static final Set<ProgressBar> BARS = ConcurrentHashMap.newKeySet();
    /** Guarded by the class: whether a ticking thread runs (or is about to). */
    private static boolean running;

    private ProgressTicker() { }

    static void add(ProgressBar bar) {
        BARS.add(bar);
        synchronized (ProgressTicker.class) {
            if (running) return;
            running = true;
        }
        // No inherited thread-locals: the thread serves every cell's bars, so it must belong to none.
        Thread t = new Thread(null, ProgressTicker::run, THREAD_NAME, 0, false);
        t.setDaemon(true);
        t.start();
    }

    static void remove(ProgressBar bar) {
        BARS.remove(bar);
    }

    private static void run() {
        try {
            while (true) {
                LockSupport.parkNanos(TICK_NANOS);
                BARS.removeIf(ProgressBar::isEnded); // one that ended as it was being added
                synchronized (ProgressTicker.class) {
                    if (BARS.isEmpty()) {
                        running = false;
                        return;
                    }
                }
                for (ProgressBar b : BARS) b.refresh();
            }
        } catch (RuntimeException | Error e) {
            synchronized (ProgressTicker.class) {
                running = false; // the next bar starts a new thread
            }
            throw e;
        }
    }
}
