package io.procbook.mp.internal;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProcessListener;

import java.lang.System.Logger.Level;
import java.util.function.BiConsumer;

/**
 * Tells every installed {@link ProcessListener} of a child's start, work or exit. A listener that throws is
 * logged at {@code WARNING} and the others are still told: one host's bug (a monitor, a tracker) must neither
 * stop the child nor silence the other listeners.
 */
final class Listeners {

    private static final System.Logger LOG = LazyLogger.of(Listeners.class);

    private Listeners() { }

    static void started(ChildProcess child) { tell("started", child, ProcessListener::started); }

    static void working(ChildProcess child) { tell("working", child, ProcessListener::working); }

    static void exited(ChildProcess child, int exitCode) {
        tell("exited", child, (l, c) -> l.exited(c, exitCode));
    }

    private static void tell(String event, ChildProcess child, BiConsumer<ProcessListener, ChildProcess> call) {
        for (ProcessListener l : Hooks.listeners()) {
            try {
                call.accept(l, child);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, () -> "process listener " + l.getClass().getName() + " threw on '" + event
                        + "' of " + child.name() + " (pid " + child.pid() + "); the other listeners were told", e);
            }
        }
    }
}
