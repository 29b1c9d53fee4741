package io.procbook.mp.internal;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Pre-started, warmed-up child JVMs waiting for work: Python's forkserver idea for a runtime that cannot fork.
 * Taking one costs a message instead of a JVM start (about 100 ms here).
 *
 * <p>Bounded (system property {@code procbook.warmJvms}, default 2; 0 turns it off) and lazy: nothing is
 * started until the first child is asked for, so a program that never starts a process pays nothing. Every
 * JVM taken is replaced by one background thread, one at a time, so a burst of starts does not fork a burst of
 * JVMs competing with the children that are running (a single daemon thread does it); and it waits 100 ms before each launch, because a
 * JVM's start-up takes about a core for 100 ms and would otherwise slow down the child that was just handed
 * its task (on a 2-core machine that doubled a trivial child's run time). A waiting JVM that dies (say,
 * killed from outside) is
 * skipped. JVMs started before a class path entry was added learn it with their assignment.
 *
 * <p>A {@link #drain()} is final for everything launched before it: a refill still launching is destroyed at
 * once, and one that connects anyway is killed, never added, even if an {@link #obtain()} has meanwhile
 * restarted refilling. So a caller that drains and then changes what a child JVM is launched with (its
 * options, its transport) gets a JVM launched after the change; and a drain leaves no JVM of the pool behind.
 */
public final class WarmPool {

    private static final Object LOCK = new Object();
    private static final Deque<ChildJvm> READY = new ArrayDeque<>();
    private static Thread filler;
    private static boolean draining;
    /** Counts drains: a refill launched in an earlier generation is stale and must not join the pool. */
    private static long generation;
    /** The refill JVM being launched now, if any, so that a drain can stop it before it connects. */
    private static java.lang.Process launching;

    private WarmPool() { }

    static int capacity() {
        return Math.max(0, Integer.getInteger("procbook.warmJvms", 2));
    }

    /**
     * Returns a child JVM to assign to one task (a {@code Process}): a waiting warm one if there is one, else a
     * freshly launched (cold) one. Either way the pool is topped up in the background.
     *
     * @throws IOException if a JVM cannot be launched
     */
    public static ChildJvm obtain() throws IOException {
        return obtain(false);
    }

    /**
     * Returns a child JVM to assign, as {@link #obtain()} does.
     *
     * @param longLived whether it will run many tasks (a pool worker): a cold one then gets the collector
     *                  for throughput rather than for a quick boot (see {@code JvmCommand})
     * @throws IOException if a JVM cannot be launched
     */
    public static ChildJvm obtain(boolean longLived) throws IOException {
        ChildJvm jvm = null;
        synchronized (LOCK) {
            draining = false;
            while (!READY.isEmpty() && jvm == null) {
                ChildJvm c = READY.pollFirst();
                if (c.isAlive()) jvm = c;
            }
            if (filler == null && capacity() > 0) {
                filler = new Thread(topGroup(), WarmPool::fillLoop, "procbook-warm-pool", 0, false);
                filler.setDaemon(true);
                filler.start();
            }
            LOCK.notifyAll();
        }
        return jvm != null ? jvm : ChildJvm.launch(false, longLived);
    }

    /**
     * The filler serves the whole JVM, not whichever caller needed the first child. A thread joins its
     * creator's group and inherits its inheritable thread-locals, and so does every thread it starts (the
     * waiting JVMs' pumps, blocked in reads): whoever tells work apart by either (a notebook cell's CPU monitor)
     * would count them as that caller's. So the filler is in the top group and inherits no thread-locals.
     */
    private static ThreadGroup topGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) g = g.getParent();
        return g;
    }

    private static final long REFILL_DELAY_MS = 100;

    /** The one background thread that keeps the pool full (one launch at a time). */
    private static void fillLoop() {
        try {
            while (true) {
                long gen;
                synchronized (LOCK) {
                    while (!draining && READY.size() >= capacity()) LOCK.wait();
                    if (draining) {
                        filler = null; // no thread is left behind after a drain; obtain() starts a new one
                        return;
                    }
                    gen = generation;
                }
                Thread.sleep(REFILL_DELAY_MS);
                synchronized (LOCK) {
                    if (gen != generation || READY.size() >= capacity()) continue;
                }
                ChildJvm jvm;
                try {
                    jvm = ChildJvm.launch(true, true, p -> {
                        synchronized (LOCK) {
                            if (gen == generation) launching = p;
                            else p.destroyForcibly(); // drained between the check above and the spawn
                        }
                    });
                } catch (IOException e) {
                    synchronized (LOCK) {
                        launching = null;
                        // A launch a drain destroyed is no failure; a real one stops refilling: cold starts
                        // still work, and the next obtain() tries again.
                        if (gen == generation) draining = true;
                    }
                    continue;
                }
                synchronized (LOCK) {
                    launching = null;
                    if (gen != generation) jvm.kill();
                    else READY.addLast(jvm);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // only our own daemon thread; nobody interrupts it
        }
    }

    /** @return how many warm JVMs are waiting now */
    public static int idle() {
        synchronized (LOCK) {
            return READY.size();
        }
    }

    /**
     * Kills the waiting JVMs and the one being launched to refill the pool, if any, and stops refilling until
     * the next {@link #obtain()}. No JVM launched before this call is ever handed out. Returns at once; the
     * JVMs are reaped in the background.
     */
    public static void drain() {
        synchronized (LOCK) {
            draining = true;
            generation++;
            if (launching != null) launching.destroyForcibly();
            launching = null;
            READY.forEach(ChildJvm::kill);
            READY.clear();
            LOCK.notifyAll();
        }
    }
}
