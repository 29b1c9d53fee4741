package io.procbook.monitor;

import java.util.List;
import java.util.function.Function;

/** One watched process or thread of a {@link CellMonitor}; guarded by that monitor's lock. */
abstract class Row {

    /** Points kept per row: about eight minutes at full resolution, then thinned. */
    static final int HISTORY = 2048;

    final Series series = new Series(HISTORY);

    abstract SeriesSnapshot.Kind kind();

    abstract String name();

    abstract long id();

    abstract String state();

    /** @return whether it is still running (a process not yet exited, a thread not yet ended) */
    abstract boolean running();

    /** @return when it was seen to stop, in monitor milliseconds, or -1 */
    abstract long endMillis();

    /** Takes a reading at {@code atMillis} if still running. Called on the sampler thread (or by finish). */
    abstract void sample(long atMillis);

    /** Frees operating-system resources; the recorded history stays. */
    void release() { }

    SeriesSnapshot snapshot(Function<Series, List<Sample>> pick) {
        return new SeriesSnapshot(kind(), name(), id(), state(), running(), series.startMillis(), endMillis(),
                                  pick.apply(series));
    }
}
