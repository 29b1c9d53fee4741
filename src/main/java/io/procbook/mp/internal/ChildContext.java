package io.procbook.mp.internal;

import java.io.IOException;

/**
 * A child's view of its parent, handed to the {@link ChildEntry} it runs. Thread-safe.
 */
public interface ChildContext {

    /**
     * Defines the parcel's notebook classes in the child's notebook loader (those not defined yet), sets their
     * variables to the parcel's values, and returns the parcel's object.
     */
    Object decode(Parcel parcel) throws IOException, ClassNotFoundException;

    /** @return the loader that sees the class path, added class path entries and notebook classes */
    ClassLoader loader();

    /** Sends opaque bytes to the parent (its {@code ChildJvm} data handler receives them). */
    void send(byte[] data) throws IOException;

    /**
     * Blocks until the parent sends data. (If the parent goes away the child JVM halts, so this never
     * waits for a parent that no longer exists.)
     *
     * @return the bytes
     */
    byte[] receive() throws InterruptedException;
}
