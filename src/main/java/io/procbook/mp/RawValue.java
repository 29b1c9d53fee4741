package io.procbook.mp;

/**
 * Factories for {@link Value}s without a lock: Python's {@code multiprocessing.RawValue}. The value is shared
 * and each get/set is atomic, but {@link Value#getLock()} throws {@link UnsupportedOperationException}; use
 * the atomic helpers or a separate {@link Lock} for compound updates.
 */
public final class RawValue {

    private RawValue() {
    }

    /** A shared {@code int} without a lock. */
    public static Value.OfInt ofInt(int initial) {
        return Value.ofInt(initial, false);
    }

    /** A shared {@code long} without a lock. */
    public static Value.OfLong ofLong(long initial) {
        return Value.ofLong(initial, false);
    }

    /** A shared {@code double} without a lock. */
    public static Value.OfDouble ofDouble(double initial) {
        return Value.ofDouble(initial, false);
    }

    /** A shared {@code boolean} without a lock. */
    public static Value.OfBoolean ofBoolean(boolean initial) {
        return Value.ofBoolean(initial, false);
    }
}
