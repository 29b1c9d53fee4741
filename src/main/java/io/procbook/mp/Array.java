package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;
import java.lang.invoke.VarHandle;

/**
 * A fixed-length array of numbers in shared memory: Python's {@code multiprocessing.Array}. A write to an
 * element in one process is visible at once in every other; each element read/write is atomic on its own
 * (bytes included), compound updates need {@link #getLock()} or the atomic helpers.
 *
 * <p><b>The name.</b> In a notebook cell, {@code Array} is this class, Python's name, not the JDK's
 * {@link java.lang.reflect.Array} (reflective access to Java arrays). Write the JDK's by its full name,
 * {@code java.lang.reflect.Array}.
 *
 * <p>Create with {@code ofInt}, {@code ofLong}, {@code ofDouble}, {@code ofByte} (a length, or initial
 * contents); without a lock with {@link RawArray}. At most about 2 GB per array.
 *
 * <p>Thread- and process-safe. It serializes as the name of its shared memory (with its lock), never as its
 * contents, so a copy received by a child (as an argument, or captured by a lambda) is the same memory there,
 * whatever its size. Its memory (a file under /dev/shm, or the temporary folder where there is none) is removed
 * once every process using it has {@link #close() closed} it or exited; if a process dies, its use simply ends.
 * No method blocks except {@link #hold()}. Element methods throw {@link IndexOutOfBoundsException} for an index
 * outside {@code [0, length())}.
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

    /**
     * Creates a shared {@code int[length]} of zeros, with a lock (Python's {@code Array('i', length)}).
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException     if {@code length} is negative, or the array would take more than
     *                                      about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfInt ofInt(int length) {
        return new OfInt(create(INT, 4, length, true));
    }

    /**
     * Creates a shared copy of {@code values}, with a lock (Python's {@code Array('i', values)}).
     *
     * @param values the initial contents, copied
     * @return the new array
     * @throws NullPointerException         if {@code values} is null
     * @throws IllegalArgumentException     if the array would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfInt ofInt(int[] values) {
        return fill(ofInt(values.length), values);
    }

    /**
     * Creates a shared {@code long[length]} of zeros, with a lock (Python's {@code Array('q', length)}).
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException     if {@code length} is negative, or the array would take more than
     *                                      about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfLong ofLong(int length) {
        return new OfLong(create(LONG, 8, length, true));
    }

    /**
     * Creates a shared copy of {@code values}, with a lock (Python's {@code Array('q', values)}).
     *
     * @param values the initial contents, copied
     * @return the new array
     * @throws NullPointerException         if {@code values} is null
     * @throws IllegalArgumentException     if the array would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfLong ofLong(long[] values) {
        return fill(ofLong(values.length), values);
    }

    /**
     * Creates a shared {@code double[length]} of zeros, with a lock (Python's {@code Array('d', length)}).
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException     if {@code length} is negative, or the array would take more than
     *                                      about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfDouble ofDouble(int length) {
        return new OfDouble(create(DOUBLE, 8, length, true));
    }

    /**
     * Creates a shared copy of {@code values}, with a lock (Python's {@code Array('d', values)}).
     *
     * @param values the initial contents, copied
     * @return the new array
     * @throws NullPointerException         if {@code values} is null
     * @throws IllegalArgumentException     if the array would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfDouble ofDouble(double[] values) {
        return fill(ofDouble(values.length), values);
    }

    /**
     * Creates a shared {@code byte[length]} of zeros, with a lock (Python's {@code Array('b', length)}).
     *
     * @param length the number of elements
     * @return the new array
     * @throws IllegalArgumentException     if {@code length} is negative, or the array would take more than
     *                                      about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfByte ofByte(int length) {
        return new OfByte(create(BYTE, 1, length, true));
    }

    /**
     * Creates a shared copy of {@code values}, with a lock (Python's {@code Array('b', values)}).
     *
     * @param values the initial contents, copied
     * @return the new array
     * @throws NullPointerException         if {@code values} is null
     * @throws IllegalArgumentException     if the array would take more than about 2 GB
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
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

    /**
     * Returns the number of elements, fixed at creation.
     *
     * @return the number of elements
     */
    public int length() {
        return length;
    }

    int index(int i, int elemBytes) {
        return OFF_DATA + elemBytes * java.util.Objects.checkIndex(i, length);
    }

    private static Segment seg(Array a) {
        return a.seg;
    }

    /**
     * Serialization replaces this object with the name of its shared memory, never its contents.
     *
     * @return the serialized form
     */
    Object writeReplace() {
        return new SharedHandle(seg, 0, new Attach());
    }

    /** A shared {@code int[]}; see {@link Array} for sharing and thread safety. */
    public static final class OfInt extends Array {
        private static final long serialVersionUID = 1L;

        OfInt(Segment seg) {
            super(seg);
        }

        /**
         * Reads element {@code i} with volatile semantics: it sees every write made before by any thread of
         * any process.
         *
         * @param i the index
         * @return the element
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public int get(int i) {
            checkOpen();
            return seg.getInt(index(i, 4));
        }

        /**
         * Writes element {@code i} with volatile semantics: every later read, in any process, sees it.
         *
         * @param i the index
         * @param v the new value
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public void set(int i, int v) {
            checkOpen();
            seg.setInt(index(i, 4), v);
        }

        /**
         * Atomically adds {@code delta} to element {@code i}, even against other processes, without the lock.
         *
         * @param i     the index
         * @param delta what to add (wraps around on overflow)
         * @return the new value of the element
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public int addAndGet(int i, int delta) {
            checkOpen();
            return seg.getAndAddInt(index(i, 4), delta) + delta;
        }

        /**
         * Atomically sets element {@code i} to {@code update} if it is {@code expect}, even against other
         * processes.
         *
         * @param i      the index
         * @param expect the value expected
         * @param update the new value
         * @return whether the element was {@code expect} and is now {@code update}
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public boolean compareAndSet(int i, int expect, int update) {
            checkOpen();
            return seg.casInt(index(i, 4), expect, update);
        }

        /**
         * Copies the elements, each read as {@link #get(int)} does; the copy as a whole is not atomic (other
         * writers may change elements while it is made).
         *
         * @return a new array holding the elements
         */
        public int[] toArray() {
            checkOpen();
            int[] out = new int[length];
            for (int i = 0; i < length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Describes the array: its type and a snapshot of its elements, as {@link #toArray()} takes it.
         *
         * @return a description
         */
        @Override
        public String toString() {
            if (isClosedHere()) return closedDescription();
            return "Array.OfInt" + java.util.Arrays.toString(toArray());
        }
    }

    /** A shared {@code long[]}; see {@link Array} for sharing and thread safety. */
    public static final class OfLong extends Array {
        private static final long serialVersionUID = 1L;

        OfLong(Segment seg) {
            super(seg);
        }

        /**
         * Reads element {@code i} with volatile semantics: it sees every write made before by any thread of
         * any process.
         *
         * @param i the index
         * @return the element
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public long get(int i) {
            checkOpen();
            return seg.getLong(index(i, 8));
        }

        /**
         * Writes element {@code i} with volatile semantics: every later read, in any process, sees it.
         *
         * @param i the index
         * @param v the new value
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public void set(int i, long v) {
            checkOpen();
            seg.setLong(index(i, 8), v);
        }

        /**
         * Atomically adds {@code delta} to element {@code i}, even against other processes, without the lock.
         *
         * @param i     the index
         * @param delta what to add (wraps around on overflow)
         * @return the new value of the element
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public long addAndGet(int i, long delta) {
            checkOpen();
            return seg.getAndAddLong(index(i, 8), delta) + delta;
        }

        /**
         * Atomically sets element {@code i} to {@code update} if it is {@code expect}, even against other
         * processes.
         *
         * @param i      the index
         * @param expect the value expected
         * @param update the new value
         * @return whether the element was {@code expect} and is now {@code update}
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public boolean compareAndSet(int i, long expect, long update) {
            checkOpen();
            return seg.casLong(index(i, 8), expect, update);
        }

        /**
         * Copies the elements, each read as {@link #get(int)} does; the copy as a whole is not atomic (other
         * writers may change elements while it is made).
         *
         * @return a new array holding the elements
         */
        public long[] toArray() {
            checkOpen();
            long[] out = new long[length];
            for (int i = 0; i < length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Describes the array: its type and a snapshot of its elements, as {@link #toArray()} takes it.
         *
         * @return a description
         */
        @Override
        public String toString() {
            if (isClosedHere()) return closedDescription();
            return "Array.OfLong" + java.util.Arrays.toString(toArray());
        }
    }

    /** A shared {@code double[]}; see {@link Array} for sharing and thread safety. */
    public static final class OfDouble extends Array {
        private static final long serialVersionUID = 1L;

        OfDouble(Segment seg) {
            super(seg);
        }

        /**
         * Reads element {@code i} with volatile semantics: it sees every write made before by any thread of
         * any process.
         *
         * @param i the index
         * @return the element
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public double get(int i) {
            checkOpen();
            return Double.longBitsToDouble(seg.getLong(index(i, 8)));
        }

        /**
         * Writes element {@code i} with volatile semantics: every later read, in any process, sees it.
         *
         * @param i the index
         * @param v the new value
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public void set(int i, double v) {
            checkOpen();
            seg.setLong(index(i, 8), Double.doubleToRawLongBits(v));
        }

        /**
         * Copies the elements, each read as {@link #get(int)} does; the copy as a whole is not atomic (other
         * writers may change elements while it is made).
         *
         * @return a new array holding the elements
         */
        public double[] toArray() {
            checkOpen();
            double[] out = new double[length];
            for (int i = 0; i < length; i++) {
                out[i] = get(i);
            }
            return out;
        }

        /**
         * Describes the array: its type and a snapshot of its elements, as {@link #toArray()} takes it.
         *
         * @return a description
         */
        @Override
        public String toString() {
            if (isClosedHere()) return closedDescription();
            return "Array.OfDouble" + java.util.Arrays.toString(toArray());
        }
    }

    /** A shared {@code byte[]}; see {@link Array} for sharing and thread safety. */
    public static final class OfByte extends Array {
        private static final long serialVersionUID = 1L;

        OfByte(Segment seg) {
            super(seg);
        }

        /**
         * Reads element {@code i} after a full fence (bytes have no volatile view), which orders it like a
         * volatile read.
         *
         * @param i the index
         * @return the element
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public byte get(int i) {
            checkOpen();
            int at = index(i, 1);
            VarHandle.fullFence();
            return seg.getByte(at);
        }

        /**
         * Writes element {@code i}, followed by a full fence, which orders it like a volatile write.
         *
         * @param i the index
         * @param v the new value
         * @throws IndexOutOfBoundsException if {@code i} is outside {@code [0, length())}
         */
        public void set(int i, byte v) {
            checkOpen();
            seg.putByte(index(i, 1), v);
            VarHandle.fullFence();
        }

        /**
         * Copies the elements after a full fence, in one bulk read; the copy as a whole is not atomic (other
         * writers may change elements while it is made).
         *
         * @return a new array holding the elements
         */
        public byte[] toArray() {
            checkOpen();
            byte[] out = new byte[length];
            VarHandle.fullFence();
            seg.getBytes(OFF_DATA, out, 0, length);
            return out;
        }

        /**
         * Describes the array: its type and a snapshot of its elements, as {@link #toArray()} takes it.
         *
         * @return a description
         */
        @Override
        public String toString() {
            if (isClosedHere()) return closedDescription();
            return "Array.OfByte" + java.util.Arrays.toString(toArray());
        }
    }

    /** How an {@code Array}'s copy attaches (its memory says the element type). */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return Array.attach(seg);
        }
    }
}
