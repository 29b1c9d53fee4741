package io.procbook.mp.internal.shm;

import java.util.function.BooleanSupplier;

/**
 * How every blocking operation waits: spin, then yield, then sleep on {@link WaitArea}s.
 *
 * <p>Spinning ({@link #SPIN_NANOS} of {@code onSpinWait}, then yields up to {@link #YIELD_NANOS}) catches the
 * common fast hand-off (ping-pong, a busy producer) without sleeping; a yield is cheap when the core is free
 * and lets the partner run when it is not. After that the thread announces itself in the wait areas
 * and parks; it is woken through {@link Waker} when the state changes. While asleep it still wakes every
 * {@link #TICK_NANOS} to run {@code tick} (liveness checks of lock owners and half-done operations of dead
 * processes) and to re-check the state in case a wake-up message was lost; at 10 wake-ups a second an idle
 * waiter costs no measurable CPU.
 */
public final class Blocking {

    /**
     * Pure spinning ({@code onSpinWait}) lasts this long (system property {@code procbook.spinNanos}). Short:
     * measured on a loaded 2-core machine, a process that spins keeps the very process it waits for off the
     * core; pipe round trips went from 174 us (50 us of spin) to 14 us (1 us of spin, then yields).
     */
    static final long SPIN_NANOS = Long.getLong("procbook.spinNanos", 1_000);
    /** Then {@code Thread.yield()} until this long (property {@code procbook.yieldNanos}), then sleep. */
    static final long YIELD_NANOS = Long.getLong("procbook.yieldNanos", 100_000);
    static final long TICK_NANOS = 100_000_000;
    /** Sleep granularity when no wake-up can be delivered (wait table full or no socket). */
    private static final long POLL_NANOS = 1_000_000;

    /** A deadline meaning "never". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private Blocking() {
    }

    /** Converts a timeout to a deadline on the {@link System#nanoTime()} clock; null means no deadline. */
    public static long deadline(java.time.Duration timeout) {
        if (timeout == null) {
            return NO_DEADLINE;
        }
        return deadlineIn(timeout.isNegative() ? 0 : saturatedNanos(timeout));
    }

    /**
     * Converts a timeout to a deadline on the {@link System#nanoTime()} clock, as {@link #deadlineIn(long)}.
     *
     * @throws NullPointerException if {@code unit} is null
     */
    public static long deadline(long timeout, java.util.concurrent.TimeUnit unit) {
        return deadlineIn(unit.toNanos(timeout)); // toNanos saturates at Long.MAX_VALUE
    }

    /**
     * The deadline {@code nanos} from now on the {@link System#nanoTime()} clock. A timeout too long for the
     * clock (adding it would overflow, and so look like a deadline in the past) saturates to
     * {@link #NO_DEADLINE}; zero or negative gives now, which has already passed.
     */
    public static long deadlineIn(long nanos) {
        long now = System.nanoTime();
        if (nanos <= 0) {
            return now;
        }
        long d = now + nanos;
        return d < now ? NO_DEADLINE : d;
    }

    /** A Duration in nanoseconds, saturated at {@code Long.MAX_VALUE} (toNanos throws beyond ~292 years). */
    public static long saturatedNanos(java.time.Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static boolean expired(long deadline, long now) {
        return deadline != NO_DEADLINE && now - deadline >= 0;
    }

    /**
     * Waits until {@code ready} returns true or the deadline passes.
     *
     * @param ready  the condition; it may also perform the operation (e.g. a CAS) and report success
     * @param deadline a {@link System#nanoTime()} deadline, or {@link #NO_DEADLINE}
     * @param tick   run when the thread starts to sleep and then every {@link #TICK_NANOS}; may throw
     * @param areas  where the state's changers signal
     * @return true if ready, false on timeout
     * @throws InterruptedException if the thread is interrupted while waiting (its interrupt status cleared, as
     *         the JDK's blocking methods leave it; the public objects turn this into their own exception)
     */
    public static boolean await(BooleanSupplier ready, long deadline, Runnable tick, WaitArea... areas)
            throws InterruptedException {
        if (ready.getAsBoolean()) {
            return true;
        }
        long start = System.nanoTime();
        for (int i = 0; ; i++) {
            if (ready.getAsBoolean()) {
                return true;
            }
            if ((i & 15) != 0) {
                Thread.onSpinWait();
                continue;
            }
            long now = System.nanoTime();
            if (expired(deadline, now)) {
                return false;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting");
            }
            long waited = now - start;
            if (waited > YIELD_NANOS) {
                break;
            }
            if (waited > SPIN_NANOS) {
                Thread.yield();
            }
        }
        return sleep(ready, deadline, tick, areas);
    }

    private static boolean sleep(BooleanSupplier ready, long deadline, Runnable tick, WaitArea[] areas)
            throws InterruptedException {
        Thread me = Thread.currentThread();
        boolean deliverable = Waker.ensureListening();
        int[] entries = new int[areas.length];
        for (int i = 0; i < areas.length; i++) {
            Waker.register(areas[i].key(), me);
            entries[i] = areas[i].enter();
            deliverable &= entries[i] >= 0;
        }
        long nap = deliverable ? TICK_NANOS : POLL_NANOS;
        try {
            long lastTick = System.nanoTime() - TICK_NANOS;
            while (true) {
                long now = System.nanoTime();
                if (tick != null && now - lastTick >= TICK_NANOS) {
                    lastTick = now;
                    tick.run();
                }
                for (int i = 0; i < areas.length; i++) {
                    areas[i].rearm(entries[i]);
                }
                if (ready.getAsBoolean()) {
                    return true;
                }
                now = System.nanoTime();
                if (expired(deadline, now)) {
                    return false;
                }
                long park = deadline == NO_DEADLINE ? nap : Math.min(nap, deadline - now);
                Waker.sleep(park);
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting");
                }
            }
        } finally {
            for (int i = 0; i < areas.length; i++) {
                areas[i].exit(entries[i]);
                Waker.unregister(areas[i].key(), me);
            }
        }
    }
}
