package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;
import java.lang.invoke.VarHandle;

/**
 * A fixed-length array of numbers in shared memory: Python's {@code multiprocessing.Array}. A write to an
 * element in one process is visible at once in every other; each element read/write is atomic on its own
 * (bytes included), compound updates need {@link #getLock()} or the atomic helpers.
 *
 * <p>Create with {@code ofInt}, {@code ofLong}, {@code ofDouble}, {@code ofByte} (a length, or initial
 * contents); without a lock with {@link RawArray}. At most about 2 GB per array. Thread- and process-safe;
 * serializes as its name (with its lock), never as its contents.
 */
public abstract class Array extends SharedData {

    private static final long serialVersionUID = 1L;



    final transient int length;

    Array(Segment seg) {
        super(seg);
        this.length = (int) seg.getLong(OFF_LENGTH);
    }

    static Array attach(Segment seg) {
        switch ((int) seg.getLong(OFF_TYPE)) {
            case INT:
                return new OfInt(seg);
            case LONG:
                return new OfLong(seg);
            case DOUBLE:
                return new OfDouble(seg);
            case BYTE:
                return new OfByte(seg);
            default:
                throw new IllegalStateException("corrupt shared array " + seg.name());
        }
    }

    /** A shared {@code int[length]} of zeros, with a lock. */
    public static OfInt ofInt(int length) {
        return new OfInt(create(INT, 4, length, true));
    }

    /** A shared copy of {@code values}, with a lock. */
    public static OfInt ofInt(int[] values) {
        return fill(ofInt(values.length), values);
    }

    /** A shared {@code long[length]} of zeros, with a lock. */
    public static OfLong ofLong(int length) {
        return new OfLong(create(LONG, 8, length, true));
    }

    /** A shared copy of {@code values}, with a lock. */
    public static OfLong ofLong(long[] values) {
        return fill(ofLong(values.length), values);
    }

    /** A shared {@code double[length]} of zeros, with a lock. */
    public static OfDouble ofDouble(int length) {
        return new OfDouble(create(DOUBLE, 8, length, true));
    }

    /** A shared copy of {@code values}, with a lock. */
    public static OfDouble ofDouble(double[] values) {
        return fill(ofDouble(values.length), values);
    }

    /** A shared {@code byte[length]} of zeros, with a lock. */
    public static OfByte ofByte(int length) {
        return new OfByte(create(BYTE, 1, length, true));
    }

    /** A shared copy of {@code values}, with a lock. */
    public static OfByte ofByte(byte[] values) {
        return fill(ofByte(values.length), values);
    }

    static OfInt fill(OfInt a, int[] v) {
        for (int i = 0; i < v.length; i++) {
            a.set(i, v[i]);
        }
        return a;
    }

    static OfLong fill(OfLong a, long[] v) {
        for (int i = 0; i < v.length; i++) {
            a.set(i, v[i]);
        }
        return a;
    }

    static OfDouble fill(OfDouble a, double[] v) {
        for (int i = 0; i < v.length; i++) {
            a.set(i, v[i]);
        }
        return a;
    }

    static OfByte fill(OfByte a, byte[] v) {
        seg(a).putBytes(OFF_DATA, v, 0, v.length);
        VarHandle.fullFence();
        return a;
    }

    /** The number of elements. */
    public int length() {
        return length;
    }

    int index(int i, int elemBytes) {
        return OFF_DATA + elemBytes * java.util.Objects.checkIndex(i, length);
    }

    private static Segment seg(Array a) {
        return a.seg;
    }

    Object writeReplace() {
        return new SharedHandle(SharedHandle.Kind.ARRAY, seg, 0, null);
    }

    /** A shared {@code int[]}. */
    public static final class OfInt extends Array {
        private static final long serialVersionUID = 1L;

        OfInt(Segment seg) {
            super(seg);
        }

        /** Volatile read of element i; throws IndexOutOfBoundsException outside [0, length). */
        public int get(int i) {
            return seg.getInt(index(i, 4));
        }

        /** Volatile write of element i. */
        public void set(int i, int v) {
            seg.setInt(index(i, 4), v);
        }

        /** Atomically adds to element i; returns the new value. */
        public int addAndGet(int i, int delta) {
            return seg.getAndAddInt(index(i, 4), delta) + delta;
        }

        /** Atomically sets element i to {@code update} if it is {@code expect}. */
        public boolean compareAndSet(int i, int expect, int update) {
            return seg.casInt(index(i, 4), expect, update);
        }

        /** A snapshot copy (not atomic as a whole). */
        public int[] toArray() {
            int[] out = new int[length];
            for (int i = 0; i < length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        @Override
        public String toString() {
            return "Array.OfInt" + java.util.Arrays.toString(toArray());
        }
    }

    /** A shared {@code long[]}. */
    public static final class OfLong extends Array {
        private static final long serialVersionUID = 1L;

        OfLong(Segment seg) {
            super(seg);
        }

        /** Volatile read of element i; throws IndexOutOfBoundsException outside [0, length). */
        public long get(int i) {
            return seg.getLong(index(i, 8));
        }

        /** Volatile write of element i. */
        public void set(int i, long v) {
            seg.setLong(index(i, 8), v);
        }

        /** Atomically adds to element i; returns the new value. */
        public long addAndGet(int i, long delta) {
            return seg.getAndAddLong(index(i, 8), delta) + delta;
        }

        /** Atomically sets element i to {@code update} if it is {@code expect}. */
        public boolean compareAndSet(int i, long expect, long update) {
            return seg.casLong(index(i, 8), expect, update);
        }

        /** A snapshot copy (not atomic as a whole). */
        public long[] toArray() {
            long[] out = new long[length];
            for (int i = 0; i < length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        @Override
        public String toString() {
            return "Array.OfLong" + java.util.Arrays.toString(toArray());
        }
    }

    /** A shared {@code double[]}. */
    public static final class OfDouble extends Array {
        private static final long serialVersionUID = 1L;

        OfDouble(Segment seg) {
            super(seg);
        }

        /** Volatile read of element i; throws IndexOutOfBoundsException outside [0, length). */
        public double get(int i) {
            return Double.longBitsToDouble(seg.getLong(index(i, 8)));
        }

        /** Volatile write of element i. */
        public void set(int i, double v) {
            seg.setLong(index(i, 8), Double.doubleToRawLongBits(v));
        }

        /** A snapshot copy (not atomic as a whole). */
        public double[] toArray() {
            double[] out = new double[length];
            for (int i = 0; i < length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        @Override
        public String toString() {
            return "Array.OfDouble" + java.util.Arrays.toString(toArray());
        }
    }

    /** A shared {@code byte[]}. */
    public static final class OfByte extends Array {
        private static final long serialVersionUID = 1L;

        OfByte(Segment seg) {
            super(seg);
        }

        /** Read of element i after a full fence (bytes have no volatile view). */
        public byte get(int i) {
            int at = index(i, 1);
            VarHandle.fullFence();
            return seg.getByte(at);
        }

        /** Write of element i followed by a full fence. */
        public void set(int i, byte v) {
            seg.putByte(index(i, 1), v);
            VarHandle.fullFence();
        }

        /** A snapshot copy (not atomic as a whole). */
        public byte[] toArray() {
            byte[] out = new byte[length];
            VarHandle.fullFence();
            seg.getBytes(OFF_DATA, out, 0, length);
            return out;
        }

        @Override
        public String toString() {
            return "Array.OfByte" + java.util.Arrays.toString(toArray());
        }
    }
}
