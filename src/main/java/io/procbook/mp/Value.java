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
 * {@link RawValue}.
 *
 * <p>Thread- and process-safe. It serializes as the name of its shared memory (with its lock), never as its
 * contents, so a copy received by a child (as an argument, or captured by a lambda) is the same memory there.
 * Its memory (a file under /dev/shm, or the temporary folder where there is none) is removed once every process
 * using it has {@link #close() closed} it or exited; if a process dies, its use simply ends. No method blocks
 * except {@link #hold()}.
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

    /**
     * Creates a shared {@code int} with a lock (Python's {@code Value('i', initial)}).
     *
     * @param initial the initial value
     * @return the new value
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfInt ofInt(int initial) {
        return ofInt(initial, true);
    }

    /**
     * Creates a shared {@code long} with a lock (Python's {@code Value('q', initial)}).
     *
     * @param initial the initial value
     * @return the new value
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfLong ofLong(long initial) {
        return ofLong(initial, true);
    }

    /**
     * Creates a shared {@code double} with a lock (Python's {@code Value('d', initial)}).
     *
     * @param initial the initial value
     * @return the new value
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public static OfDouble ofDouble(double initial) {
        return ofDouble(initial, true);
    }

    /**
     * Creates a shared {@code boolean} with a lock.
     *
     * @param initial the initial value
     * @return the new value
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
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

    /**
     * Reads the value, as {@code get()} does, boxed (for printing and generic code).
     *
     * @return the value, boxed
     */
    public abstract Object value();

    /**
     * Serialization replaces this object with the name of its shared memory, never its contents.
     *
     * @return the serialized form
     */
    Object writeReplace() {
        return new SharedHandle(seg, 0, new Attach());
    }

    /**
     * Describes the value: its type and current value, e.g. {@code OfInt(3)}.
     *
     * @return a description
     */
    @Override
    public String toString() {
        if (isClosedHere()) return closedDescription();
        return getClass().getSimpleName() + "(" + value() + ")";
    }

    /** A shared {@code int}; see {@link Value} for sharing and thread safety. */
    public static final class OfInt extends Value {
        private static final long serialVersionUID = 1L;

        OfInt(Segment seg) {
            super(seg);
        }

        /**
         * Reads the value with volatile semantics: it sees every write made before by any thread of any process.
         *
         * @return the value
         */
        public int get() {
            checkOpen();
            return seg.getInt(OFF_DATA);
        }

        /**
         * Writes the value with volatile semantics: every later read, in any process, sees it.
         *
         * @param v the new value
         */
        public void set(int v) {
            checkOpen();
            seg.setInt(OFF_DATA, v);
        }

        /**
         * Atomically adds {@code delta}, even against other processes, without the lock.
         *
         * @param delta what to add (wraps around on overflow)
         * @return the previous value
         */
        public int getAndAdd(int delta) {
            checkOpen();
            return seg.getAndAddInt(OFF_DATA, delta);
        }

        /**
         * Atomically adds {@code delta}, even against other processes, without the lock.
         *
         * @param delta what to add (wraps around on overflow)
         * @return the new value
         */
        public int addAndGet(int delta) {
            checkOpen();
            return seg.getAndAddInt(OFF_DATA, delta) + delta;
        }

        /**
         * Atomically adds one, even against other processes, without the lock.
         *
         * @return the new value
         */
        public int incrementAndGet() {
            return addAndGet(1);
        }

        /**
         * Atomically sets the value to {@code update} if it is {@code expect}, even against other processes.
         *
         * @param expect the value expected
         * @param update the new value
         * @return whether the value was {@code expect} and is now {@code update}
         */
        public boolean compareAndSet(int expect, int update) {
            checkOpen();
            return seg.casInt(OFF_DATA, expect, update);
        }

        /** {@inheritDoc} */
        @Override
        public Object value() {
            return get();
        }
    }

    /** A shared {@code long}; see {@link Value} for sharing and thread safety. */
    public static final class OfLong extends Value {
        private static final long serialVersionUID = 1L;

        OfLong(Segment seg) {
            super(seg);
        }

        /**
         * Reads the value with volatile semantics: it sees every write made before by any thread of any process.
         *
         * @return the value
         */
        public long get() {
            checkOpen();
            return seg.getLong(OFF_DATA);
        }

        /**
         * Writes the value with volatile semantics: every later read, in any process, sees it.
         *
         * @param v the new value
         */
        public void set(long v) {
            checkOpen();
            seg.setLong(OFF_DATA, v);
        }

        /**
         * Atomically adds {@code delta}, even against other processes, without the lock.
         *
         * @param delta what to add (wraps around on overflow)
         * @return the previous value
         */
        public long getAndAdd(long delta) {
            checkOpen();
            return seg.getAndAddLong(OFF_DATA, delta);
        }

        /**
         * Atomically adds {@code delta}, even against other processes, without the lock.
         *
         * @param delta what to add (wraps around on overflow)
         * @return the new value
         */
        public long addAndGet(long delta) {
            checkOpen();
            return seg.getAndAddLong(OFF_DATA, delta) + delta;
        }

        /**
         * Atomically adds one, even against other processes, without the lock.
         *
         * @return the new value
         */
        public long incrementAndGet() {
            return addAndGet(1);
        }

        /**
         * Atomically sets the value to {@code update} if it is {@code expect}, even against other processes.
         *
         * @param expect the value expected
         * @param update the new value
         * @return whether the value was {@code expect} and is now {@code update}
         */
        public boolean compareAndSet(long expect, long update) {
            checkOpen();
            return seg.casLong(OFF_DATA, expect, update);
        }

        /** {@inheritDoc} */
        @Override
        public Object value() {
            return get();
        }
    }

    /** A shared {@code double}; see {@link Value} for sharing and thread safety. */
    public static final class OfDouble extends Value {
        private static final long serialVersionUID = 1L;

        OfDouble(Segment seg) {
            super(seg);
        }

        /**
         * Reads the value with volatile semantics: it sees every write made before by any thread of any process.
         *
         * @return the value
         */
        public double get() {
            checkOpen();
            return Double.longBitsToDouble(seg.getLong(OFF_DATA));
        }

        /**
         * Writes the value with volatile semantics: every later read, in any process, sees it.
         *
         * @param v the new value
         */
        public void set(double v) {
            checkOpen();
            seg.setLong(OFF_DATA, Double.doubleToRawLongBits(v));
        }

        /**
         * Atomically adds {@code delta}, even against other processes, without the lock (a compare-and-set loop,
         * which retries while other writers interfere; it never blocks).
         *
         * @param delta what to add
         * @return the new value
         */
        public double addAndGet(double delta) {
            checkOpen();
            while (true) {
                long bits = seg.getLong(OFF_DATA);
                double next = Double.longBitsToDouble(bits) + delta;
                if (seg.casLong(OFF_DATA, bits, Double.doubleToRawLongBits(next))) {
                    return next;
                }
            }
        }

        /**
         * Atomically sets the value to {@code update} if it is bitwise equal to {@code expect} (so {@code NaN}
         * matches the same {@code NaN} bits, and {@code 0.0} does not match {@code -0.0}).
         *
         * @param expect the value expected
         * @param update the new value
         * @return whether the value was {@code expect} and is now {@code update}
         */
        public boolean compareAndSet(double expect, double update) {
            checkOpen();
            return seg.casLong(OFF_DATA, Double.doubleToRawLongBits(expect), Double.doubleToRawLongBits(update));
        }

        /** {@inheritDoc} */
        @Override
        public Object value() {
            return get();
        }
    }

    /** A shared {@code boolean}; see {@link Value} for sharing and thread safety. */
    public static final class OfBoolean extends Value {
        private static final long serialVersionUID = 1L;

        OfBoolean(Segment seg) {
            super(seg);
        }

        /**
         * Reads the value with volatile semantics: it sees every write made before by any thread of any process.
         *
         * @return the value
         */
        public boolean get() {
            checkOpen();
            return seg.getLong(OFF_DATA) != 0;
        }

        /**
         * Writes the value with volatile semantics: every later read, in any process, sees it.
         *
         * @param v the new value
         */
        public void set(boolean v) {
            checkOpen();
            seg.setLong(OFF_DATA, v ? 1 : 0);
        }

        /**
         * Atomically sets the value to {@code update} if it is {@code expect}, even against other processes.
         *
         * @param expect the value expected
         * @param update the new value
         * @return whether the value was {@code expect} and is now {@code update}
         */
        public boolean compareAndSet(boolean expect, boolean update) {
            checkOpen();
            return seg.casLong(OFF_DATA, expect ? 1 : 0, update ? 1 : 0);
        }

        /** {@inheritDoc} */
        @Override
        public Object value() {
            return get();
        }
    }

    /** How a {@code Value}'s copy attaches (its memory says the value's type). */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return Value.attach(seg);
        }
    }
}
