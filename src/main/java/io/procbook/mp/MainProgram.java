package io.procbook.mp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The main program's view of its children, behind {@link Process#activeChildren()} and
 * {@link Process#runMain(Task)}: which children this JVM started and has not yet seen end, and which were
 * started inside a {@code runMain} block (by its thread or threads it started), to be ended with it as
 * Python ends a script's children. {@link Process} itself is the child's object; this class keeps the lists
 * about children. Thread-safe: the lists are copy-on-write and the scope is per thread.
 */
final class MainProgram {

    /** Children started here, until they are seen to have ended. */
    private static final List<Process> STARTED = new CopyOnWriteArrayList<>();
    /** The children started inside the innermost {@code runMain} of this thread (inherited), or {@code null}. */
    private static final InheritableThreadLocal<List<Process>> SCOPE = new InheritableThreadLocal<>();

    private MainProgram() { }

    /** Notes a child that {@link Process#start()} has just started. */
    static void started(Process p) {
        STARTED.add(p);
        List<Process> scope = SCOPE.get();
        if (scope != null) scope.add(p);
    }

    /** Forgets a child that was joined or closed. */
    static void ended(Process p) {
        STARTED.remove(p);
    }

    /** @see Process#activeChildren() */
    static List<Process> activeChildren() {
        List<Process> out = new ArrayList<>();
        for (Process p : STARTED) {
            if (p.isAlive()) out.add(p);
            else STARTED.remove(p);
        }
        return out;
    }

    /** @see Process#runMain(Task) */
    static void run(Task block) {
        List<Process> outer = SCOPE.get();
        List<Process> mine = new CopyOnWriteArrayList<>();
        SCOPE.set(mine);
        Throwable failure = null;
        try {
            block.run();
        } catch (Throwable t) {
            failure = t;
        } finally {
            SCOPE.set(outer);
        }
        for (Process p : mine) if (p.daemon() && p.isAlive()) p.terminate();
        try {
            for (Process p : mine) p.join();
        } catch (UncheckedInterruptedException e) {
            for (Process p : mine) if (p.isAlive()) p.terminate();
            if (failure != null) e.addSuppressed(failure);
            throw e;
        }
        if (failure instanceof RuntimeException r) throw r;
        if (failure instanceof Error e) throw e;
        if (failure instanceof InterruptedException ie) throw new UncheckedInterruptedException(ie);
        if (failure != null) throw new RuntimeException(failure);
    }
}
