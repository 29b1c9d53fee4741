package io.procbook.monitor;

import java.lang.management.ThreadMXBean;

/** A watched thread of this JVM: CPU time from {@link ThreadMXBean}, counted from when watching began. */
final class ThreadRow extends Row {

    /** A thread is shown once it has used this much CPU: idle helpers and short bursts stay out of the table. */
    static final long BUSY_NANOS = 100_000_000L;

    private final ThreadMXBean threads;
    private final Thread thread;
    private final long tid;
    private String name;
    private long endMillis = -1;
    private final boolean shared;

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+, the build targets 17
    ThreadRow(Thread thread, long nowMillis, ThreadMXBean threads, boolean shared) {
        this.threads = threads;
        this.shared = shared;
        this.thread = thread;
        this.tid = thread.getId();
        this.name = thread.getName();
        long cpu = threads.getThreadCpuTime(tid);
        series.add(nowMillis, Math.max(0, cpu), -1);
        if (cpu < 0) endMillis = nowMillis;
    }

    @Override SeriesSnapshot.Kind kind() { return SeriesSnapshot.Kind.THREAD; }
    @Override String name() { return name; }
    @Override long id() { return tid; }
    /** @return {@code running} while it works, {@code waiting} while it lives without using CPU, then {@code ended} */
    @Override String state() { return !running() ? "ended" : working() ? "running" : "waiting"; }
    @Override boolean running() { return endMillis < 0; }
    @Override long endMillis() { return endMillis; }

    /** @return whether it has used enough CPU to deserve a row */
    boolean busy() { return series.cpuSinceStart() >= BUSY_NANOS; }

    /**
     * CPU use, in percent of one core over the last {@value #RECENT_MILLIS} ms, from which a runnable thread
     * counts as working. Its state alone cannot tell: one waiting in a blocking read or accept (a server thread,
     * the runtime's own output pumps) is {@code RUNNABLE} to the JVM too, but uses no CPU.
     */
    static final double WORKING_PERCENT = 1;
    /**
     * How far back {@link #WORKING_PERCENT} looks: a second rather than one reading interval, as on a machine
     * whose CPUs are all taken a computing thread can go a whole interval without being scheduled.
     */
    static final long RECENT_MILLIS = 1000;

    /**
     * @return whether it works: alive, runnable (not waiting, sleeping or blocked on a lock) and it used CPU
     *         lately
     */
    boolean working() {
        return running() && series.intervals() > 0 && thread.getState() == Thread.State.RUNNABLE
            && series.percentOver(RECENT_MILLIS) >= WORKING_PERCENT;
    }

    /**
     * @return whether it is alive and runnable but has not been read over a whole interval yet, so that
     *         whether it works cannot be told (see {@link Series#MIN_INTERVAL_MILLIS})
     */
    boolean undecided() {
        return running() && series.intervals() == 0 && thread.getState() == Thread.State.RUNNABLE;
    }

    /** @return whether the thread also serves other work (see {@link CellMonitor#watchSharedThreads}) */
    boolean shared() { return shared; }

    /** Takes a last reading and ends the row, though the thread lives on (a shared one, done working here). */
    void end(long atMillis) {
        sample(atMillis);
        if (running()) endMillis = atMillis;
    }

    @Override
    void sample(long atMillis) {
        if (!running()) return;
        long cpu = threads.getThreadCpuTime(tid);
        if (cpu < 0 || !thread.isAlive()) {
            endMillis = atMillis;
            return;
        }
        name = thread.getName();
        series.add(atMillis, cpu, -1);
    }
}
