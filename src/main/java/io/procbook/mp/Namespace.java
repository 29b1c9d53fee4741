package io.procbook.mp;

import java.util.Map;

/**
 * Named attributes held by a manager server ({@link Manager#namespace()}, Python's {@code Manager().Namespace()}
 * whose {@code ns.x = 1} becomes {@code ns.set("x", 1)}). Each method is one atomic call to the server; safe
 * from any thread of any process. A proxy is Serializable; one sent to another process reaches the same
 * namespace. Every method waits for its round trip to the server and is interruptible (see {@link Manager}
 * for what proxies throw).
 */
public interface Namespace {

    /**
     * Reads an attribute.
     *
     * @param name the attribute's name
     * @return the attribute's value (a copy, deserialized here)
     * @throws java.util.NoSuchElementException if there is no attribute of that name (Python's AttributeError)
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    Object get(String name);

    /**
     * Sets (or adds) an attribute.
     *
     * @param name  the attribute's name
     * @param value its value; it is sent to the server
     * @throws ManagerException             also if {@code value} cannot be sent (not Serializable, or not on the
     *                                       allow-list)
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void set(String name, Object value);

    /**
     * Tells whether an attribute exists.
     *
     * @param name the attribute's name
     * @return whether the attribute exists
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    boolean has(String name);

    /**
     * Removes an attribute; no effect if absent.
     *
     * @param name the attribute's name
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    void remove(String name);

    /**
     * Copies all attributes.
     *
     * @return a copy of all attributes, in the order they were first set
     * @throws ManagerException             if the server cannot be reached, or shut down or died during the
     *                                       call
     * @throws UncheckedInterruptedException if interrupted while waiting for the server (the call may still
     *                                       take effect there)
     */
    Map<String, Object> asMap();
}
