package io.procbook.monitor;

import io.procbook.mp.internal.LazyLogger;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The one sampling thread of the JVM. It runs while at least one {@link CellMonitor} is attached and exits
 * when the last one detaches, so an idle kernel pays nothing. Each tick reads the machine total once and lets
 * every attached monitor sample and render.
 *
 * <p>A monitor whose tick throws (a bug in rendering, a view whose socket broke) is logged and sampled again at
 * the next tick: one bad frame must not end a cell's monitoring for good. Only a monitor that fails
 * {@value #MAX_FAILED_TICKS} ticks in a row is dropped, with a second log record saying so.
 */
final class Sampler {

    /**
     * Time between ticks, measured from the end of one tick to the start of the next: so a display updated in
     * one tick is at least this long unchanged when the next tick looks at it, however long the tick took.
     */
    static final long PERIOD_NANOS = 250_000_000L;
    static final String THREAD_NAME = "procbook-monitor";
    /** Consecutive failed ticks (five seconds' worth) after which a monitor is taken as broken and dropped. */
    static final int MAX_FAILED_TICKS = 20;

    private static final System.Logger LOG = LazyLogger.of(Sampler.class);

    private static final Sampler INSTANCE = new Sampler();

    private final Object lock = new Object();
    private final Set<CellMonitor> monitors = new LinkedHashSet<>();
    private final List<CellMonitor> batch = new ArrayList<>();
    /** Sampler thread only: the monitors whose last ticks failed, with how many in a row. */
    private final Map<CellMonitor, Integer> failing = new IdentityHashMap<>();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private Thread thread;
    private MachineProbe machine;
    private long ticks;

    private Sampler() { }

    static Sampler instance() { return INSTANCE; }

    /** Starts sampling {@code monitor}, starting the thread if it is not running. */
    void attach(CellMonitor monitor) {
        synchronized (lock) {
            if (!monitors.add(monitor) || thread != null) return;
            // no inherited thread locals: the first watcher may be a cell's thread, and the sampler belongs to none
            thread = new Thread(null, this::run, THREAD_NAME, 0, false);
            thread.setDaemon(true);
            thread.setContextClassLoader(Sampler.class.getClassLoader());
            thread.start();
        }
    }

    /** Stops sampling {@code monitor}; the thread exits at its next tick if no monitor is left. */
    void detach(CellMonitor monitor) {
        synchronized (lock) {
            monitors.remove(monitor);
        }
    }

    /** @return the monitors attached now (for switching them all off) */
    List<CellMonitor> attached() {
        synchronized (lock) {
            return List.copyOf(monitors);
        }
    }

    /** @return the sampling thread, or {@code null} when none is running */
    Thread thread() {
        synchronized (lock) {
            return thread;
        }
    }

    /** @return ticks since the JVM started, for waiting on fresh samples */
    long ticks() {
        synchronized (lock) {
            return ticks;
        }
    }

    private void run() {
        synchronized (lock) {
            if (machine == null) machine = MachineProbe.open(cores);
        }
        while (true) {
            synchronized (lock) {
                if (monitors.isEmpty()) {
                    thread = null;
                    if (machine != null) machine.close();
                    machine = null;
                    return;
                }
                batch.clear();
                batch.addAll(monitors);
            }
            long start = System.nanoTime();
            long machineNanos = machine == null ? -1 : machine.busyNanos();
            for (CellMonitor m : batch) {
                if (!tick(m, start, machineNanos)) detach(m);
            }
            batch.clear();
            synchronized (lock) {
                ticks++;
                lock.notifyAll();
            }
            long wake = System.nanoTime() + PERIOD_NANOS;
            for (long left; (left = wake - System.nanoTime()) > 0; ) LockSupport.parkNanos(this, left);
        }
    }

    /**
     * Lets {@code m} sample and render, catching what it throws: one broken monitor must not stop every other
     * cell's, nor end its own at the first failure.
     *
     * @return whether {@code m} stays attached
     */
    private boolean tick(CellMonitor m, long nowNanos, long machineNanos) {
        boolean keep;
        try {
            keep = m.tick(nowNanos, machineNanos);
        } catch (RuntimeException | Error e) {
            int inARow = failing.merge(m, 1, Integer::sum);
            if (inARow == 1) {
                LOG.log(Level.WARNING, () -> "monitor of " + m.title() + " failed a tick; it keeps sampling", e);
            }
            if (inARow < MAX_FAILED_TICKS) return true;
            LOG.log(Level.WARNING, () -> "stopped monitoring " + m.title() + " after " + inARow
                    + " failed ticks in a row", e);
            keep = false;
        }
        if (failing.remove(m) != null && keep) {
            LOG.log(Level.DEBUG, () -> "monitor of " + m.title() + " ticks again");
        }
        return keep;
    }

    /**
     * Waits until {@code count} more ticks have completed (or the sampler stopped).
     *
     * @return {@code true} if the ticks happened before the deadline
     */
    boolean awaitTicks(long count, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        synchronized (lock) {
            long target = ticks + count;
            while (ticks < target) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0 || thread == null) return ticks >= target;
                lock.wait(left);
            }
            return true;
        }
    }
}
