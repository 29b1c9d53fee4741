package io.procbook.mp.internal;

import java.lang.System.Logger.Level;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Pre-started child JVMs waiting for work: Python's forkserver idea for a runtime that cannot fork. Taking one
 * costs a message instead of a JVM start (about 100 ms here). Each JVM still serves one task only: a
 * {@code Process} always gets a fresh OS process.
 *
 * <p><b>How many.</b> Lazy: nothing is started until the first child is asked for, so a program that never
 * starts a process pays nothing. Then the pool holds a base count (system property {@code procbook.warmJvms},
 * default 2; 0 turns the pool off) while starts are rare, and more while they are frequent: as many as were
 * taken within the last second, up to {@code procbook.warmJvms.max} (default twice the processors), so that a
 * loop of starts or a cell that starts several processes at once finds them ready the next time. After
 * {@code procbook.warmJvms.idleMs} (default 60 s) without a start the pool falls back to the base count and
 * the JVMs above it are ended (see {@link WarmDemand}).
 *
 * <p><b>When.</b> A {@code Process} that finds no JVM waiting waits for one being launched and not yet
 * promised to an earlier caller (a launch is started for it if there is none): a launch in flight started
 * earlier than one of its own would, so it is ready sooner. A pool worker that finds none waiting launches
 * its own, with the collector for throughput. Launches up to the target start at once while starts come
 * fast (the target is above the base count and none is left waiting), side by side: on a busy machine a
 * JVM's start takes several times longer than the CPU it uses, so launching one after the other would leave
 * a loop of starts waiting. Otherwise they start {@value #REFILL_DELAY_MS} ms after the latest take, because a
 * JVM's start-up takes about a core for 100 ms and would slow down the child that was just handed its task
 * (on 2 cores a trivial child's run time doubled).
 *
 * <p><b>How warm.</b> A pre-started JVM says hello as soon as it has booted and prepared, so that it can be
 * handed out at once when starts come fast. Once no JVM has been taken for {@value #QUIET_MS} ms and no launch
 * is running, each waiting JVM is told to warm up (rehearse a task's path, so that its task then starts in a
 * few milliseconds; see {@code child.WarmUp}); one taken while it warms up stops between two steps. Under a
 * steady stream of starts they skip it: the warm-up costs more CPU than it saves one task, and on a busy
 * machine CPU is what bounds a loop of starts. JVMs started before a class path entry was added learn it
 * with their assignment. A waiting JVM that dies (say, killed from outside) is skipped.
 *
 * <p><b>Draining.</b> A {@link #drain()} is final for everything launched before it: launches in flight are
 * destroyed at once, and one that connects anyway is killed, never added, even if an {@link #obtain()} has
 * meanwhile restarted the pool; callers waiting for a launch launch their own. So a caller that drains and
 * then changes what a child JVM is launched with (its options, its transport) gets a JVM launched after the
 * change; and a drain leaves no JVM of the pool behind.
 *
 * <p>One daemon thread, {@code procbook-warm-pool}, starts the launches held back, asks for warm-ups and ends
 * JVMs; each launch runs on a daemon thread of its own. Both live in the top thread group and inherit no
 * thread-local state: they serve the whole JVM, not whichever caller needed a child. All state is guarded by
 * {@code LOCK}. Thread-safe.
 */
public final class WarmPool {

    private static final System.Logger LOG = LazyLogger.of(WarmPool.class);

    private static final long REFILL_DELAY_MS = 100;
    private static final long QUIET_MS = 250;

    private static final Object LOCK = new Object();
    /** Connected JVMs waiting for work, oldest first. */
    private static final ArrayDeque<ChildJvm> READY = new ArrayDeque<>();
    /** Callers waiting for a launch in flight, first come first served. */
    private static final ArrayDeque<Waiter> WAITERS = new ArrayDeque<>();
    /** The processes of launches in flight, so that a drain can stop them before they connect. */
    private static final Set<java.lang.Process> IN_FLIGHT = new HashSet<>();
    private static final WarmDemand DEMAND = new WarmDemand();
    /** Launches started in this generation and not yet finished. */
    private static int launches;
    /** The most JVMs the pool has held at once, waiting or being launched (for tests of the bound). */
    private static int peakHeld;
    private static Thread decider;
    private static boolean draining;
    /** Counts drains: a launch started in an earlier generation is stale and must not join the pool. */
    private static long generation;

    private WarmPool() { }

    /** A caller waiting for a launch in flight: {@code done} with a JVM, or with none if it must launch one. */
    private static final class Waiter {
        ChildJvm jvm;
        boolean done;
    }

    static WarmDemand.Limits limits() {
        int base = Math.max(0, Integer.getInteger("procbook.warmJvms", 2));
        int max = Integer.getInteger("procbook.warmJvms.max", 2 * Runtime.getRuntime().availableProcessors());
        long idleMs = Long.getLong("procbook.warmJvms.idleMs", 60_000L);
        return new WarmDemand.Limits(base, max, idleMs * 1_000_000L);
    }

    /**
     * Returns a child JVM to assign to one task (a {@code Process}): a waiting pre-started one if there is one,
     * else the next one being launched for the pool, else a freshly launched (cold) one. Either way the pool
     * is topped up in the background.
     *
     * @throws IOException if a JVM cannot be launched, or the calling thread was interrupted while it waited
     *                     for one ({@link ClosedByInterruptException}; its interrupt status stays set)
     */
    public static ChildJvm obtain() throws IOException {
        return obtain(false);
    }

    /**
     * Returns a child JVM to assign, as {@link #obtain()} does.
     *
     * @param longLived whether it will run many tasks (a pool worker): a cold one then gets the collector
     *                  for throughput rather than for a quick boot (see {@code JvmCommand})
     * @throws IOException if a JVM cannot be launched, or the calling thread was interrupted while it waited
     *                     for one
     */
    public static ChildJvm obtain(boolean longLived) throws IOException {
        Waiter waiter = null;
        synchronized (LOCK) {
            ChildJvm jvm = takeReady();
            WarmDemand.Limits limits = limits();
            if (limits.base() > 0) {
                draining = false;
                DEMAND.taken(System.nanoTime(), limits);
                if (decider == null) {
                    decider = newThread(WarmPool::decide, "procbook-warm-pool");
                    decider.start();
                }
                // A pool worker launches its own JVM (with the collector for throughput) rather than wait.
                if (jvm == null && !longLived) {
                    waiter = new Waiter();
                    WAITERS.addLast(waiter);
                }
                topUp(System.nanoTime(), limits);
                LOCK.notifyAll();
            }
            if (jvm != null) return jvm;
        }
        if (waiter != null) {
            ChildJvm promised = await(waiter);
            if (promised != null) return promised;
        }
        return ChildJvm.launch(longLived);
    }

    /** A daemon thread of the top group that inherits nothing from the caller that happens to start it. */
    private static Thread newThread(Runnable task, String name) {
        Thread t = new Thread(topGroup(), task, name, 0, false);
        t.setDaemon(true);
        return t;
    }

    /** The waiting JVM that finished its warm-up first, else the oldest; dead ones are dropped. Holds LOCK. */
    private static ChildJvm takeReady() {
        ChildJvm oldest = null;
        for (Iterator<ChildJvm> it = READY.iterator(); it.hasNext(); ) {
            ChildJvm c = it.next();
            if (!c.isAlive()) {
                it.remove();
            } else if (c.isWarm()) {
                it.remove();
                return c;
            } else if (oldest == null) {
                oldest = c;
            }
        }
        if (oldest != null) READY.remove(oldest);
        return oldest;
    }

    /** Waits for the JVM promised to {@code w}; {@code null} if its launch failed or was drained. */
    private static ChildJvm await(Waiter w) throws IOException {
        synchronized (LOCK) {
            while (!w.done) {
                try {
                    LOCK.wait();
                } catch (InterruptedException e) {
                    if (!WAITERS.remove(w) && w.jvm != null) READY.addFirst(w.jvm); // promised just now: keep it
                    LOCK.notifyAll();
                    Thread.currentThread().interrupt();
                    throw new ClosedByInterruptException();
                }
            }
            return w.jvm;
        }
    }

    /**
     * Starts the launches the pool needs now: one for each waiting caller that no launch in flight is left
     * for, and those up to the target: at once while starts come fast (the next one would find nothing
     * ready), else once the child just handed its task has had the CPU for a while.
     *
     * @return when to look again for a launch held back, or {@link Long#MAX_VALUE}; holds LOCK
     */
    private static long topUp(long now, WarmDemand.Limits limits) {
        while (WAITERS.size() > launches) startLaunch();
        int target = DEMAND.target(now, limits);
        if (READY.size() + launches >= target) return Long.MAX_VALUE;
        long since = DEMAND.sinceLastTake(now);
        boolean fast = READY.isEmpty() && target > limits.base();
        if (!fast && since < ms(REFILL_DELAY_MS)) return now - since + ms(REFILL_DELAY_MS);
        while (READY.size() + launches < target) startLaunch();
        return Long.MAX_VALUE;
    }

    /**
     * The thread that keeps the pool at its target: starts the launches held back, asks waiting JVMs to warm
     * up once starts are quiet, and ends the JVMs above the base count once the pool has been idle.
     */
    private static void decide() {
        List<ChildJvm> toWarm = new ArrayList<>();
        List<ChildJvm> toEnd = new ArrayList<>();
        while (true) {
            synchronized (LOCK) {
                while (true) {
                    if (draining) {
                        decider = null; // no thread is left behind after a drain; obtain() starts a new one
                        return;
                    }
                    long now = System.nanoTime();
                    WarmDemand.Limits limits = limits();
                    int target = DEMAND.target(now, limits);
                    while (READY.size() + launches > target && !READY.isEmpty()) toEnd.add(READY.pollLast());
                    long wakeAt = Math.min(DEMAND.releaseAt(limits), topUp(now, limits));
                    long since = DEMAND.sinceLastTake(now);
                    boolean unasked = false;
                    for (ChildJvm c : READY) unasked |= !c.askedToWarmUp();
                    if (unasked && launches == 0) {
                        if (since >= ms(QUIET_MS)) {
                            for (ChildJvm c : READY) if (!c.askedToWarmUp()) toWarm.add(c);
                        } else {
                            wakeAt = Math.min(wakeAt, now - since + ms(QUIET_MS));
                        }
                    }
                    if (!toWarm.isEmpty() || !toEnd.isEmpty()) break;
                    long waitMs = wakeAt == Long.MAX_VALUE ? 0 : Math.max(1, (wakeAt - now + 999_999) / 1_000_000);
                    try {
                        LOCK.wait(waitMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // only our own daemon thread; nobody interrupts it
                        decider = null;
                        return;
                    }
                }
            }
            // Outside the lock: a message to each (a JVM that died meanwhile is skipped when taken) or a kill.
            toWarm.forEach(ChildJvm::warmUp);
            toEnd.forEach(ChildJvm::kill);
            toWarm.clear();
            toEnd.clear();
        }
    }

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    /** Starts one launch on a thread of its own. Holds LOCK. */
    private static void startLaunch() {
        long gen = generation;
        launches++;
        peakHeld = Math.max(peakHeld, READY.size() + launches);
        newThread(() -> launch(gen), "procbook-warm-launch").start();
    }

    private static void launch(long gen) {
        java.lang.Process[] spawned = new java.lang.Process[1];
        ChildJvm jvm = null;
        IOException failure = null;
        try {
            jvm = ChildJvm.launch(false, p -> {
                synchronized (LOCK) {
                    if (gen == generation) {
                        IN_FLIGHT.add(p);
                        spawned[0] = p;
                    } else {
                        p.destroyForcibly(); // drained between the decision and the spawn
                    }
                }
            });
        } catch (IOException e) {
            failure = e;
        }
        synchronized (LOCK) {
            if (gen != generation) {
                if (jvm != null) jvm.kill();
                return; // a launch a drain destroyed is no failure
            }
            launches--;
            if (spawned[0] != null) IN_FLIGHT.remove(spawned[0]);
            if (failure != null) {
                // A real failure stops the pool: callers waiting launch their own (and see why it fails), cold
                // starts still work, and the next obtain() tries again. Said in the log: starts are slower now.
                IOException why = failure;
                LOG.log(Level.WARNING, () -> "a pre-started JVM could not be launched; processes start cold until"
                        + " the next start tries again: " + why, why);
                draining = true;
                failWaiters();
            } else {
                Waiter w = WAITERS.pollFirst();
                if (w != null) {
                    w.jvm = jvm;
                    w.done = true;
                } else {
                    READY.addLast(jvm);
                }
            }
            LOCK.notifyAll();
        }
    }

    /** Tells every waiting caller to launch its own JVM. Holds LOCK. */
    private static void failWaiters() {
        for (Waiter w : WAITERS) w.done = true;
        WAITERS.clear();
    }

    /**
     * The filler serves the whole JVM, not whichever caller needed the first child. A thread joins its
     * creator's group, and so does every thread it starts (the waiting JVMs' pumps, blocked in reads): whoever
     * watches the caller's group (a notebook cell's CPU monitor) would count them as that caller's work forever.
     */
    private static ThreadGroup topGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) g = g.getParent();
        return g;
    }

    /** @return how many pre-started JVMs are waiting now */
    public static int idle() {
        synchronized (LOCK) {
            return READY.size();
        }
    }

    /** @return how many of the waiting JVMs have been asked to warm up and have not finished yet */
    public static int warming() {
        synchronized (LOCK) {
            int n = 0;
            for (ChildJvm c : READY) if (c.askedToWarmUp() && !c.isWarm() && c.isAlive()) n++;
            return n;
        }
    }

    /** @return how many of the waiting JVMs have finished their warm-up */
    public static int warm() {
        synchronized (LOCK) {
            int n = 0;
            for (ChildJvm c : READY) if (c.isWarm() && c.isAlive()) n++;
            return n;
        }
    }

    /**
     * @return whether the pool is at rest: nothing being launched, and every waiting JVM warmed up (so that
     *         a benchmark measures starts, not the pool's own work beside them)
     */
    public static boolean settled() {
        synchronized (LOCK) {
            if (launches > 0) return false;
            for (ChildJvm c : READY) if (c.isAlive() && !c.isWarm()) return false;
            return true;
        }
    }

    /** @return how many JVMs are being launched for the pool now */
    public static int launching() {
        synchronized (LOCK) {
            return launches;
        }
    }

    /**
     * @return the most JVMs the pool has held at once (waiting or being launched) since the last call, which
     *         resets it to the number held now
     */
    public static int takePeakHeld() {
        synchronized (LOCK) {
            int p = peakHeld;
            peakHeld = READY.size() + launches;
            return p;
        }
    }

    /**
     * Kills the waiting JVMs and the ones being launched, and stops the pool until the next {@link #obtain()},
     * which starts it again from the base count (how often JVMs were taken before is forgotten); callers
     * waiting for a launch launch their own. No JVM launched before this call is ever handed out. Returns at
     * once; the JVMs are reaped in the background.
     */
    public static void drain() {
        synchronized (LOCK) {
            draining = true;
            generation++;
            launches = 0;
            IN_FLIGHT.forEach(java.lang.Process::destroyForcibly);
            IN_FLIGHT.clear();
            READY.forEach(ChildJvm::kill);
            READY.clear();
            DEMAND.forget();
            failWaiters();
            LOCK.notifyAll();
        }
    }
}
