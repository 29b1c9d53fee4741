package io.procbook.mp;

/**
 * Factories for {@link Array}s without a lock: Python's {@code multiprocessing.RawArray}. Elements are shared
 * and each read/write is atomic, but {@link Array#getLock()} throws {@link UnsupportedOperationException}.
 * Sharing and thread safety are as for {@link Array}. This class has only static methods; it holds no state.
 */
public final class RawArray {

    private RawArray() {
    }

    /**
     * Creates a shared {@code int[length]} of zeros without a lock.
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException     if {@code length} is negative, or the array would take more than
     *                                      about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Array.OfInt ofInt(int length) {
        return new Array.OfInt(Array.create(Array.INT, 4, length, false));
    }

    /**
     * Creates a shared copy of {@code values} without a lock.
     *
     * @param values the initial contents, copied
     * @return the new array
     * @throws NullPointerException         if {@code values} is null
     * @throws IllegalArgumentException     if the array would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Array.OfInt ofInt(int[] values) {
        return Array.fill(ofInt(values.length), values);
    }

    /**
     * Creates a shared {@code long[length]} of zeros without a lock.
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException     if {@code length} is negative, or the array would take more than
     *                                      about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Array.OfLong ofLong(int length) {
        return new Array.OfLong(Array.create(Array.LONG, 8, length, false));
    }

    /**
     * Creates a shared copy of {@code values} without a lock.
     *
     * @param values the initial contents, copied
     * @return the new array
     * @throws NullPointerException         if {@code values} is null
     * @throws IllegalArgumentException     if the array would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Array.OfLong ofLong(long[] values) {
        return Array.fill(ofLong(values.length), values);
    }

    /**
     * Creates a shared {@code double[length]} of zeros without a lock.
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException     if {@code length} is negative, or the array would take more than
     *                                      about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Array.OfDouble ofDouble(int length) {
        return new Array.OfDouble(Array.create(Array.DOUBLE, 8, length, false));
    }

    /**
     * Creates a shared copy of {@code values} without a lock.
     *
     * @param values the initial contents, copied
     * @return the new array
     * @throws NullPointerException         if {@code values} is null
     * @throws IllegalArgumentException     if the array would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Array.OfDouble ofDouble(double[] values) {
        return Array.fill(ofDouble(values.length), values);
    }

    /**
     * Creates a shared {@code byte[length]} of zeros without a lock.
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException     if {@code length} is negative, or the array would take more than
     *                                      about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Array.OfByte ofByte(int length) {
        return new Array.OfByte(Array.create(Array.BYTE, 1, length, false));
    }

    /**
     * Creates a shared copy of {@code values} without a lock.
     *
     * @param values the initial contents, copied
     * @return the new array
     * @throws NullPointerException         if {@code values} is null
     * @throws IllegalArgumentException     if the array would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static Array.OfByte ofByte(byte[] values) {
        return Array.fill(ofByte(values.length), values);
    }
}
