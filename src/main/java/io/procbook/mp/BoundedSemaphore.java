package io.procbook.mp;

import io.procbook.mp.internal.shm.Segment;

/**
 * A {@link Semaphore} that refuses to be released above its initial value: Python's
 * {@code multiprocessing.BoundedSemaphore}. Such a release throws {@link IllegalStateException} (Python's
 * ValueError) and changes nothing. Thread- and process-safe; serializes as its name, so a copy received by a
 * child is the same semaphore, with the same bound.
 */
public final class BoundedSemaphore extends Semaphore {

    private static final long serialVersionUID = 1L;

    /**
     * Creates a bounded semaphore with one permit, which is also its maximum.
     *
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also its maximum.
     *
     * @param value the initial and maximum number of permits
     * @throws IllegalArgumentException     if value is negative
     * @throws java.io.UncheckedIOException if the shared memory cannot be created (e.g. /dev/shm is full)
     */
    public BoundedSemaphore(int value) {
        super(init(value, value), Segment.HEADER);
    }

    BoundedSemaphore(Segment seg, int off) {
        super(seg, off);
    }

    @Override
    SharedHandle serialForm() {
        return new SharedHandle(seg, off, new Attach());
    }

    /** How a {@code BoundedSemaphore}'s copy attaches. */
    private record Attach() implements SharedHandle.Attacher {
        @Override
        public Object attach(Segment seg, int offset) {
            return new BoundedSemaphore(seg, offset);
        }
    }
}
