package io.procbook.mp;

/**
 * Factories for {@link Value}s without a lock: Python's {@code multiprocessing.RawValue}. The value is shared
 * and each get/set is atomic, but {@link Value#getLock()} throws {@link UnsupportedOperationException}; use
 * the atomic helpers or a separate {@link Lock} for compound updates. Sharing and thread safety are as for
 * {@link Value}. This class has only static methods; it holds no state.
 */
public final class RawValue {

    private RawValue() {
    }

    /**
     * Creates a shared {@code int} without a lock.
     *
     * @param initial the initial value
     * @return the new value
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Value.OfInt ofInt(int initial) {
        return Value.ofInt(initial, false);
    }

    /**
     * Creates a shared {@code long} without a lock.
     *
     * @param initial the initial value
     * @return the new value
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Value.OfLong ofLong(long initial) {
        return Value.ofLong(initial, false);
    }

    /**
     * Creates a shared {@code double} without a lock.
     *
     * @param initial the initial value
     * @return the new value
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Value.OfDouble ofDouble(double initial) {
        return Value.ofDouble(initial, false);
    }

    /**
     * Creates a shared {@code boolean} without a lock.
     *
     * @param initial the initial value
     * @return the new value
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Value.OfBoolean ofBoolean(boolean initial) {
        return Value.ofBoolean(initial, false);
    }
}
