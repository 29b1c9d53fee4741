package io.procbook.mp;

/**
 * Factories for {@link Array}s without a lock: Python's {@code multiprocessing.RawArray}. Elements are shared
 * and each read/write is atomic, but {@link Array#getLock()} throws {@link UnsupportedOperationException}.
 */
public final class RawArray {

    private RawArray() {
    }

    /** A shared {@code int[length]} of zeros without a lock. */
    public static Array.OfInt ofInt(int length) {
        return new Array.OfInt(Array.create(Array.INT, 4, length, false));
    }

    /** A shared copy of {@code values} without a lock. */
    public static Array.OfInt ofInt(int[] values) {
        return Array.fill(ofInt(values.length), values);
    }

    /** A shared {@code long[length]} of zeros without a lock. */
    public static Array.OfLong ofLong(int length) {
        return new Array.OfLong(Array.create(Array.LONG, 8, length, false));
    }

    /** A shared copy of {@code values} without a lock. */
    public static Array.OfLong ofLong(long[] values) {
        return Array.fill(ofLong(values.length), values);
    }

    /** A shared {@code double[length]} of zeros without a lock. */
    public static Array.OfDouble ofDouble(int length) {
        return new Array.OfDouble(Array.create(Array.DOUBLE, 8, length, false));
    }

    /** A shared copy of {@code values} without a lock. */
    public static Array.OfDouble ofDouble(double[] values) {
        return Array.fill(ofDouble(values.length), values);
    }

    /** A shared {@code byte[length]} of zeros without a lock. */
    public static Array.OfByte ofByte(int length) {
        return new Array.OfByte(Array.create(Array.BYTE, 1, length, false));
    }

    /** A shared copy of {@code values} without a lock. */
    public static Array.OfByte ofByte(byte[] values) {
        return Array.fill(ofByte(values.length), values);
    }
}
