package io.procbook.mp.internal;

import io.procbook.mp.spi.ChildProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Every child process this JVM has started and not yet reaped, and what becomes of them when this JVM ends.
 *
 * <p>At JVM exit (a shutdown hook) daemon children are terminated and then the non-daemon ones are waited
 * for, as Python's multiprocessing does at interpreter exit. (A plain program whose main method returns does
 * not even get that far while non-daemon children run: each holds a non-daemon thread, so the JVM stays up
 * until they end.) Children started by external commands ({@code Subprocess}) are left alone, as in Python.
 * A host ends everything with {@link #terminateAll}.
 */
public final class Children {

    /** What becomes of a child when this JVM exits. */
    public enum AtExit {
        /** terminated (a daemon process or a pool worker) */
        TERMINATE,
        /** waited for (a non-daemon process) */
        JOIN,
        /** left running (an external command) */
        LEAVE
    }

    private static final Map<ChildProcess, AtExit> LIVE = new ConcurrentHashMap<>();
    private static final Set<java.lang.Process> HELPERS = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;
    private static final Object KEEPER_LOCK = new Object();
    private static int joinable;
    private static boolean keeperRunning;

    private Children() { }

    /**
     * Records a child until {@link #unregister}. For a child that is waited for ({@link AtExit#JOIN}), call
     * {@link #holdJvmForChildren()} after it has been given its work.
     */
    public static void register(ChildProcess child, AtExit atExit) {
        installHook();
        LIVE.put(child, atExit);
        if (atExit == AtExit.JOIN) {
            synchronized (KEEPER_LOCK) {
                joinable++;
            }
            child.onExit().whenComplete((code, e) -> {
                synchronized (KEEPER_LOCK) {
                    joinable--;
                    KEEPER_LOCK.notifyAll();
                }
            });
        }
    }

    /**
     * Makes sure a non-daemon thread runs while any non-daemon child is alive, so that a plain program's JVM
     * does not exit under its non-daemon children when main returns. One thread for all, not one per child,
     * started when the first of them is registered, and by the starter after the child has its work: a
     * thread start is a tenth of a millisecond a warm start need not wait for.
     */
    public static void holdJvmForChildren() {
        synchronized (KEEPER_LOCK) {
            if (joinable == 0 || keeperRunning) return;
            keeperRunning = true;
        }
        Thread keeper = new Thread(Children::keepAlive, "procbook-non-daemon-children");
        keeper.setDaemon(false);
        keeper.start();
    }

    private static void keepAlive() {
        synchronized (KEEPER_LOCK) {
            try {
                while (joinable > 0) KEEPER_LOCK.wait();
            } catch (InterruptedException e) {
                // only our own thread; nobody interrupts it
            } finally {
                keeperRunning = false;
            }
        }
    }

    /** Forgets a child that has been reaped. */
    public static void unregister(ChildProcess child) {
        LIVE.remove(child);
    }

    /**
     * Tracks an OS process the runtime started for itself (a JVM not yet assigned, the CDS dump) until it
     * exits, so that {@link #terminateAll} can end it too.
     */
    public static void trackHelper(java.lang.Process p) {
        installHook();
        HELPERS.add(p);
        p.onExit().thenRun(() -> HELPERS.remove(p));
    }

    /** Stops tracking a process as a helper: it has become a registered child. */
    public static void untrackHelper(java.lang.Process p) {
        HELPERS.remove(p);
    }

    /** @return the children started and not yet reaped */
    public static List<ChildProcess> live() {
        return new ArrayList<>(LIVE.keySet());
    }

    /**
     * Terminates every child (SIGTERM), waits up to {@code grace} for them to exit, kills (SIGKILL) whatever is
     * left and waits for it to be reaped. Pre-started JVMs are killed too.
     *
     * @return how many processes had to be killed after the grace period
     */
    public static int terminateAll(Duration grace) {
        WarmPool.drain();
        List<ChildProcess> children = live();
        List<java.lang.Process> helpers = new ArrayList<>(HELPERS);
        children.forEach(ChildProcess::terminate);
        helpers.forEach(java.lang.Process::destroy);
        List<CompletableFuture<?>> exits = new ArrayList<>();
        children.forEach(c -> exits.add(c.onExit()));
        helpers.forEach(h -> exits.add(h.onExit()));
        CompletableFuture<Void> all = CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
        if (await(all, grace)) return 0;
        int killed = 0;
        for (ChildProcess c : children) if (c.isAlive()) { c.kill(); killed++; }
        for (java.lang.Process h : helpers) if (h.isAlive()) { h.destroyForcibly(); killed++; }
        await(all, Duration.ofSeconds(10));
        return killed;
    }

    private static boolean await(CompletableFuture<?> f, Duration d) {
        try {
            f.get(Math.max(1, d.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private static synchronized void installHook() {
        if (hookInstalled) return;
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(Children::atExit, "procbook-children-at-exit"));
    }

    private static void atExit() {
        WarmPool.drain();
        ConnectBackSocket.closeAll();
        HELPERS.forEach(java.lang.Process::destroyForcibly);
        LIVE.forEach((c, policy) -> {
            if (policy == AtExit.TERMINATE) c.terminate();
        });
        LIVE.forEach((c, policy) -> {
            if (policy != AtExit.LEAVE) c.onExit().join();
        });
    }
}
