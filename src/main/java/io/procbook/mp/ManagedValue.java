package io.procbook.mp;

/**
 * A single value held by a manager server ({@link Manager#value(Object)}, Python's {@code Manager().Value}).
 * Every method is one call to the server and atomic there; safe to use from any thread of any process that
 * holds the proxy.
 *
 * @param <T> the value's type (Serializable and on the manager's allow-list)
 */
public interface ManagedValue<T> {

    /** @return the current value */
    T get();

    /** Replaces the value. */
    void set(T value);

    /**
     * Sets the value to {@code update} only if it currently equals {@code expected} (by {@code equals}); the
     * building block of atomic read-modify-write loops.
     *
     * @return whether the value was replaced
     */
    boolean compareAndSet(T expected, T update);
}
