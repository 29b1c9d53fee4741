package io.procbook.mp.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a parent keeps alive for its children while serializing for them: the children's copies of shared
 * objects, which a child may open at any time of its life, or never. Python's forked child inherits file
 * descriptors that it holds until it closes them or exits; here the shared objects serialized inside
 * {@link #run} take their holds for this transit (a pipe end's hold, this process's attachment to a
 * segment), and {@link #release()} gives back whatever has not been taken over. The code that starts
 * children releases their transit when they have exited or died (a {@code Process}: its child; a pool: all
 * its workers), or at once when a start fails; if this process dies first, its holds die with it.
 *
 * <p>Two kinds. A transit for one child that opens each copy at most once {@linkplain #handsOver() hands
 * over}: the child's opening of a pipe end takes that copy's hold over, so the child's {@code close()} is
 * felt at once, as in Python. A pool's transit does not: one parcel is opened by any number of workers,
 * and the holds last until the pool has ended, as a forked pool worker's inherited descriptors do.
 *
 * <p>A transit also tags its holds: a pipe end's holder table then tells them apart from this process's
 * own, so that a child taking over a copy never takes this process's own hold by mistake.
 *
 * <p>Thread-safe. Serialization outside any transit (a queue's item, a pipe's message) takes no transit
 * holds: the shared objects fall back to holds of the serializing process, taken over by whoever opens them.
 */
public final class Transit {

    private static final System.Logger LOG = LazyLogger.of(Transit.class);

    /** Tags fit in the bits of a holder key left over by a pid; 0 means "no transit". */
    public static final int TAG_BITS = 10;

    private static final ThreadLocal<Transit> CURRENT = new ThreadLocal<>();
    private static final BitSet TAGS_IN_USE = new BitSet();

    private final boolean handsOver;
    private final Map<Object, Runnable> releases = new LinkedHashMap<>();
    private int tag;
    private boolean released;

    /**
     * @param handsOver whether the child's opening of a copy takes over that copy's hold (one child that
     *                  opens each copy at most once) or the holds last until {@link #release()} (a pool)
     */
    public Transit(boolean handsOver) {
        this.handsOver = handsOver;
    }

    /** @return the transit serialization on this thread is for, or {@code null} */
    public static Transit current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code body} (a serialization) with this transit current on this thread.
     *
     * @return what {@code body} returns
     */
    public <T> T run(Supplier<T> body) {
        Transit outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** @return whether opening a copy takes over its hold (see the class comment) */
    public boolean handsOver() {
        return handsOver;
    }

    /**
     * @return this transit's tag, from 1 to 2^{@value #TAG_BITS}-1, unique among the unreleased transits of
     *         this process that have one; 0 if all are taken or this transit is released (the caller then
     *         holds as this process, as outside a transit)
     */
    public synchronized int tag() {
        if (tag == 0 && !released) {
            synchronized (TAGS_IN_USE) {
                int t = TAGS_IN_USE.nextClearBit(1);
                if (t < 1 << TAG_BITS) {
                    TAGS_IN_USE.set(t);
                    tag = t;
                }
            }
        }
        return tag;
    }

    /**
     * Registers what {@link #release()} must do to give back the holds taken for this transit on one object,
     * unless something is registered for that object already. Runs it at once if the transit was released.
     *
     * @param what     the object held (compared with {@code equals})
     * @param giveBack gives back every hold this transit has on it
     * @return whether {@code giveBack} was registered (or run); {@code false} if {@code what} was already
     *         registered, whose earlier registration gives back its holds
     */
    public boolean onRelease(Object what, Runnable giveBack) {
        synchronized (this) {
            if (!released) return releases.putIfAbsent(what, giveBack) == null;
        }
        giveBack.run();
        return true;
    }

    /**
     * Gives back every hold taken for this transit, in the order the objects were first registered, once
     * (later calls do nothing). Never throws: a hold that cannot be given back is left to the death of this
     * process.
     */
    public void release() {
        List<Runnable> todo;
        synchronized (this) {
            if (released) return;
            released = true;
            todo = new ArrayList<>(releases.values());
            releases.clear();
        }
        for (Runnable r : todo) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // the shared object is gone already; nothing is held any more
                LOG.log(Level.DEBUG, () -> "releasing a shared object sent to a child failed: " + e);
            }
        }
        synchronized (this) {
            if (tag != 0) {
                synchronized (TAGS_IN_USE) {
                    TAGS_IN_USE.clear(tag);
                }
                tag = 0;
            }
        }
    }
}
