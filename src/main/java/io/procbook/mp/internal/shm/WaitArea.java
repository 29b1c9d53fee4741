package io.procbook.mp.internal.shm;

/**
 * A place in shared memory where processes announce that they sleep on some condition, so that whoever
 * changes that condition knows whom to wake. Layout (256 bytes): a sleeper count, then a table of
 * {@code pid << 32 | woken << 31 | count} entries, one per sleeping process.
 *
 * <p>The {@code woken} bit makes a burst of changes cost one wake-up message, not one per change: a notifier
 * sets it and sends only if it was clear; a woken waiter clears it BEFORE re-checking the condition, so a
 * change that found the bit set is still seen by that re-check.
 *
 * <p>No lost wake-up: a waiter increments the count and writes its entry, THEN re-checks the condition; a
 * notifier changes the condition, THEN reads the count. Both are sequentially consistent, so either the waiter
 * sees the change or the notifier sees the waiter. An entry left by a process killed while asleep is removed by
 * the first notifier that fails to reach it.
 */
public final class WaitArea {

    /** Bytes a wait area occupies (a multiple of 64). */
    public static final int BYTES = 256;
    private static final int ENTRIES = (BYTES - 8) / 8;
    private static final long WOKEN = 1L << 31;
    private static final long COUNT = WOKEN - 1;

    private final Segment seg;
    private final int off;
    private final long key;

    /**
     * @param seg the segment holding the area
     * @param off its offset (8-aligned, {@link #BYTES} long, zero-initialised)
     */
    public WaitArea(Segment seg, int off) {
        this.seg = seg;
        this.off = off;
        this.key = seg.id() ^ (off * 0x9E3779B97F4A7C15L);
    }

    long key() {
        return key;
    }

    /** Wakes every sleeper; cheap (one volatile read) when there is none. */
    public void signal() {
        if (seg.getLong(off) == 0) {
            return;
        }
        for (int i = 0; i < ENTRIES; i++) {
            int e = off + 8 + 8 * i;
            long v = seg.getLong(e);
            if (v == 0 || (v & WOKEN) != 0 || !seg.casLong(e, v, v | WOKEN)) {
                continue; // nobody, or a wake-up already in flight, or the entry just changed (its owner re-checks)
            }
            long pid = v >>> 32;
            if (!Waker.wake(pid, key) && !Pids.alive(pid) && seg.casLong(e, v | WOKEN, 0)) {
                seg.getAndAddLong(off, -(v & COUNT));
            }
        }
    }

    /**
     * Announces this thread as a sleeper.
     *
     * @return the entry offset used, or -1 if the table is full (the caller then polls with short sleeps)
     */
    int enter() {
        seg.getAndAddLong(off, 1);
        while (true) {
            int free = -1;
            for (int i = 0; i < ENTRIES; i++) {
                int e = off + 8 + 8 * i;
                long v = seg.getLong(e);
                if (v >>> 32 == Pids.SELF) {
                    if (seg.casLong(e, v, v + 1)) {
                        return e;
                    }
                    free = -2; // raced with a thread of our own process: rescan
                    break;
                }
                if (v == 0 && free == -1) {
                    free = e;
                }
            }
            if (free == -1) {
                return -1;
            }
            if (free >= 0 && seg.casLong(free, 0, Pids.SELF << 32 | 1)) {
                return free;
            }
        }
    }

    /** After a wake-up and before re-checking the condition: lets the next change send a wake-up again. */
    void rearm(int entry) {
        if (entry >= 0) {
            long v = seg.getLong(entry);
            while ((v & WOKEN) != 0 && v >>> 32 == Pids.SELF && !seg.casLong(entry, v, v & ~WOKEN)) {
                v = seg.getLong(entry);
            }
        }
    }

    /** Withdraws an announcement made by {@link #enter()}. */
    void exit(int entry) {
        if (entry >= 0) {
            while (true) {
                long v = seg.getLong(entry);
                if (v >>> 32 != Pids.SELF) {
                    break; // cleared by a notifier that thought us dead (cannot happen for a living process)
                }
                long nv = (v & COUNT) == 1 ? 0 : v - 1;
                if (seg.casLong(entry, v, nv)) {
                    break;
                }
            }
        }
        seg.getAndAddLong(off, -1);
    }
}
