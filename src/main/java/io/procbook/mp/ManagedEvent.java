package io.procbook.mp;

import java.time.Duration;

/**
 * An event flag held by a manager server ({@link Manager#event()}): {@code await} blocks the calling thread
 * (not the server) until some process calls {@link #set()}. Safe from any thread of any process.
 */
public interface ManagedEvent {

    /** Sets the flag and wakes every waiter. */
    void set();

    /** Clears the flag. */
    void clear();

    /** @return whether the flag is set */
    boolean isSet();

    /**
     * Blocks until the flag is set.
     *
     * @throws UncheckedInterruptedException if the server stops while waiting
     */
    void await();

    /**
     * Blocks until the flag is set or {@code timeout} passes.
     *
     * @return whether the flag is set
     */
    boolean await(Duration timeout);
}
