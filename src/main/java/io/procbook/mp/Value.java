package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;

/**
 * A single number or boolean in shared memory: Python's {@code multiprocessing.Value}. A write in one process
 * is visible at once in every other. Each {@code get} and {@code set} is atomic on its own, but a compound
 * update such as {@code v.set(v.get() + 1)} is not: hold {@link #getLock()} around it (exact across processes,
 * the way Python teaches it), or use the atomic helpers ({@code incrementAndGet}, {@code compareAndSet} ...),
 * which are lock-free and faster.
 *
 * <p>Create with {@link #ofInt}, {@link #ofLong}, {@link #ofDouble}, {@link #ofBoolean}; without a lock with
 * {@link RawValue}. Thread- and process-safe; serializes as its name (with its lock).
 */
public abstract class Value extends SharedData {

    private static final long serialVersionUID = 1L;




    Value(Segment seg) {
        super(seg);
    }

    static Value attach(Segment seg) {
        switch ((int) seg.getLong(OFF_TYPE)) {
            case INT:
                return new OfInt(seg);
            case LONG:
                return new OfLong(seg);
            case DOUBLE:
                return new OfDouble(seg);
            case BOOLEAN:
                return new OfBoolean(seg);
            default:
                throw new IllegalStateException("corrupt shared value " + seg.name());
        }
    }

    /** A shared {@code int} with a lock, initially {@code initial}. */
    public static OfInt ofInt(int initial) {
        return ofInt(initial, true);
    }

    /** A shared {@code long} with a lock, initially {@code initial}. */
    public static OfLong ofLong(long initial) {
        return ofLong(initial, true);
    }

    /** A shared {@code double} with a lock, initially {@code initial}. */
    public static OfDouble ofDouble(double initial) {
        return ofDouble(initial, true);
    }

    /** A shared {@code boolean} with a lock, initially {@code initial}. */
    public static OfBoolean ofBoolean(boolean initial) {
        return ofBoolean(initial, true);
    }

    static OfInt ofInt(int initial, boolean withLock) {
        OfInt v = new OfInt(create(INT, 4, 1, withLock));
        v.set(initial);
        return v;
    }

    static OfLong ofLong(long initial, boolean withLock) {
        OfLong v = new OfLong(create(LONG, 8, 1, withLock));
        v.set(initial);
        return v;
    }

    static OfDouble ofDouble(double initial, boolean withLock) {
        OfDouble v = new OfDouble(create(DOUBLE, 8, 1, withLock));
        v.set(initial);
        return v;
    }

    static OfBoolean ofBoolean(boolean initial, boolean withLock) {
        OfBoolean v = new OfBoolean(create(BOOLEAN, 8, 1, withLock));
        v.set(initial);
        return v;
    }

    /** The value, boxed (for printing and generic code). */
    public abstract Object value();

    Object writeReplace() {
        return new SharedHandle(SharedHandle.Kind.VALUE, seg, 0, null);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + value() + ")";
    }

    /** A shared {@code int}. */
    public static final class OfInt extends Value {
        private static final long serialVersionUID = 1L;

        OfInt(Segment seg) {
            super(seg);
        }

        /** Volatile read. */
        public int get() {
            return seg.getInt(OFF_DATA);
        }

        /** Volatile write. */
        public void set(int v) {
            seg.setInt(OFF_DATA, v);
        }

        /** Atomically adds and returns the previous value. */
        public int getAndAdd(int delta) {
            return seg.getAndAddInt(OFF_DATA, delta);
        }

        /** Atomically adds and returns the new value. */
        public int addAndGet(int delta) {
            return seg.getAndAddInt(OFF_DATA, delta) + delta;
        }

        /** Atomically adds one and returns the new value. */
        public int incrementAndGet() {
            return addAndGet(1);
        }

        /** Atomically sets to {@code update} if the value is {@code expect}. */
        public boolean compareAndSet(int expect, int update) {
            return seg.casInt(OFF_DATA, expect, update);
        }

        @Override
        public Object value() {
            return get();
        }
    }

    /** A shared {@code long}. */
    public static final class OfLong extends Value {
        private static final long serialVersionUID = 1L;

        OfLong(Segment seg) {
            super(seg);
        }

        /** Volatile read. */
        public long get() {
            return seg.getLong(OFF_DATA);
        }

        /** Volatile write. */
        public void set(long v) {
            seg.setLong(OFF_DATA, v);
        }

        /** Atomically adds and returns the previous value. */
        public long getAndAdd(long delta) {
            return seg.getAndAddLong(OFF_DATA, delta);
        }

        /** Atomically adds and returns the new value. */
        public long addAndGet(long delta) {
            return seg.getAndAddLong(OFF_DATA, delta) + delta;
        }

        /** Atomically adds one and returns the new value. */
        public long incrementAndGet() {
            return addAndGet(1);
        }

        /** Atomically sets to {@code update} if the value is {@code expect}. */
        public boolean compareAndSet(long expect, long update) {
            return seg.casLong(OFF_DATA, expect, update);
        }

        @Override
        public Object value() {
            return get();
        }
    }

    /** A shared {@code double}. */
    public static final class OfDouble extends Value {
        private static final long serialVersionUID = 1L;

        OfDouble(Segment seg) {
            super(seg);
        }

        /** Volatile read. */
        public double get() {
            return Double.longBitsToDouble(seg.getLong(OFF_DATA));
        }

        /** Volatile write. */
        public void set(double v) {
            seg.setLong(OFF_DATA, Double.doubleToRawLongBits(v));
        }

        /** Atomically adds (CAS loop) and returns the new value. */
        public double addAndGet(double delta) {
            while (true) {
                long bits = seg.getLong(OFF_DATA);
                double next = Double.longBitsToDouble(bits) + delta;
                if (seg.casLong(OFF_DATA, bits, Double.doubleToRawLongBits(next))) {
                    return next;
                }
            }
        }

        /** Atomically sets to {@code update} if the value is bitwise equal to {@code expect}. */
        public boolean compareAndSet(double expect, double update) {
            return seg.casLong(OFF_DATA, Double.doubleToRawLongBits(expect), Double.doubleToRawLongBits(update));
        }

        @Override
        public Object value() {
            return get();
        }
    }

    /** A shared {@code boolean}. */
    public static final class OfBoolean extends Value {
        private static final long serialVersionUID = 1L;

        OfBoolean(Segment seg) {
            super(seg);
        }

        /** Volatile read. */
        public boolean get() {
            return seg.getLong(OFF_DATA) != 0;
        }

        /** Volatile write. */
        public void set(boolean v) {
            seg.setLong(OFF_DATA, v ? 1 : 0);
        }

        /** Atomically sets to {@code update} if the value is {@code expect}. */
        public boolean compareAndSet(boolean expect, boolean update) {
            return seg.casLong(OFF_DATA, expect ? 1 : 0, update ? 1 : 0);
        }

        @Override
        public Object value() {
            return get();
        }
    }
}
