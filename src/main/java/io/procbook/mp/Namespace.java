package io.procbook.mp;

import java.util.Map;

/**
 * Named attributes held by a manager server ({@link Manager#namespace()}, Python's {@code Manager().Namespace()}
 * whose {@code ns.x = 1} becomes {@code ns.set("x", 1)}). Each method is one atomic call to the server; safe
 * from any thread of any process.
 */
public interface Namespace {

    /**
     * @return the attribute's value
     * @throws java.util.NoSuchElementException if there is no attribute of that name (Python's AttributeError)
     */
    Object get(String name);

    /** Sets (or adds) an attribute. */
    void set(String name, Object value);

    /** @return whether the attribute exists */
    boolean has(String name);

    /** Removes an attribute; no effect if absent. */
    void remove(String name);

    /** @return a copy of all attributes, in the order they were first set */
    Map<String, Object> asMap();
}
