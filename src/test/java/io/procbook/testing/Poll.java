package io.procbook.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The tests' one way to wait for a state that nothing signals (a process table, a file, another JVM's work):
 * poll a condition until it holds, and fail when it has not within a generous deadline. Where there is an event
 * to wait on (a latch, a future, a queue), wait on that instead.
 */
public final class Poll {

    /** How often the condition is asked: fast enough not to slow a test, slow enough not to load the machine. */
    private static final long EVERY_MILLIS = 10;

    private Poll() { }

    /**
     * Returns once {@code condition} holds.
     *
     * @param what    what is waited for, for the failure message
     * @param timeout how long to wait at most; generous, as the machine may be loaded
     * @throws AssertionError if it does not hold within {@code timeout}, or the waiting thread is interrupted
     */
    public static void until(String what, BooleanSupplier condition, Duration timeout) {
        until(() -> what, condition, timeout);
    }

    /**
     * Like {@link #until(String, BooleanSupplier, Duration)}, with a description asked for only on failure, so
     * that it can show the state the condition was waiting on.
     */
    public static void until(Supplier<String> what, BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what.get());
            }
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            }
        }
    }

    /** {@link #until(String, BooleanSupplier, Duration)} with a timeout in milliseconds. */
    public static void until(String what, BooleanSupplier condition, long timeoutMillis) {
        until(what, condition, Duration.ofMillis(timeoutMillis));
    }

    /** {@link #until(Supplier, BooleanSupplier, Duration)} with a timeout in milliseconds. */
    public static void until(Supplier<String> what, BooleanSupplier condition, long timeoutMillis) {
        until(what, condition, Duration.ofMillis(timeoutMillis));
    }
}
