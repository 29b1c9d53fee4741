package io.procbook.mp.internal;

/**
 * In a child JVM: waits until everything it printed so far has been handed on by its parent. A result the child
 * sends its parent on the control connection needs none of this (output goes first on the same connection); a
 * reply it sends another way (a manager server's reply to a client in the parent, on the manager's own
 * connection) could overtake the output of the call it answers, so the server asks this first when the call
 * printed something. Elsewhere (no parent connection) it returns at once.
 */
public final class OutputSync {

    /** The child's connection: flushes its output, then waits for the parent's acknowledgement. */
    public interface Syncer {
        /** @throws InterruptedException if interrupted while waiting */
        void sync() throws InterruptedException;
    }

    private static volatile Syncer syncer;
    private static volatile java.util.function.LongSupplier printed = () -> 0;

    private OutputSync() { }

    /** Installed by the child's main, once connected. */
    public static void install(Syncer s, java.util.function.LongSupplier bytesPrinted) {
        syncer = s;
        printed = bytesPrinted;
    }

    /** @return how many bytes this JVM has printed through System.out and System.err so far (0 outside a child) */
    public static long printed() {
        return printed.getAsLong();
    }

    /**
     * Blocks until the parent has handed on everything this child printed before the call; returns at once
     * outside a child.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public static void awaitDelivered() throws InterruptedException {
        Syncer s = syncer;
        if (s != null) s.sync();
    }
}
