package io.procbook.mp.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a child JVM runs just before it halts after its task: {@code Runtime.halt} (which makes a child's exit
 * take milliseconds) runs no shutdown hooks, so what must not wait for a sweep registers here instead, once,
 * when it is first needed; a child that never needed it pays nothing. Thread-safe.
 */
public final class BeforeHalt {

    private static final System.Logger LOG = LazyLogger.of(BeforeHalt.class);

    private static final List<Runnable> ACTIONS = new CopyOnWriteArrayList<>();

    private BeforeHalt() { }

    /** @param action run before this JVM halts after its task (it must be quick and must not block) */
    public static void add(Runnable action) {
        ACTIONS.add(action);
    }

    /** Runs the registered actions, in order; one that throws does not stop the others. */
    public static void run() {
        for (Runnable a : ACTIONS) {
            try {
                a.run();
            } catch (RuntimeException e) {
                // exiting anyway; what it did not release, the sweep of dead processes' files will
                LOG.log(Level.DEBUG, "a release before exit failed", e);
            }
        }
    }
}
