package io.procbook.mp;

import io.procbook.mp.internal.pool.Chunk;
import io.procbook.mp.internal.pool.ChunkSink;

import java.util.List;

/**
 * Counts a pool job's chunks on its progress bar as they finish, one count per chunk (never per item), and
 * then hands the outcome on. The bar is told first, so that a job's final state is drawn before whoever waits
 * for the job's result can see that result. Thread-safe, as its delegate.
 */
final class ProgressSink implements ChunkSink {

    private final ChunkSink delegate;
    private final ProgressBar bar;
    private final boolean firstFailureEnds;

    private ProgressSink(ChunkSink delegate, ProgressBar bar, boolean firstFailureEnds) {
        this.delegate = delegate;
        this.bar = bar;
        this.firstFailureEnds = firstFailureEnds;
    }

    /**
     * @param firstFailureEnds {@code true} for a job that fails as a whole with its first failed chunk (a map),
     *                         {@code false} for one whose later items go on (an imap)
     * @return {@code delegate} itself if there is no bar
     */
    static ChunkSink wrap(ChunkSink delegate, ProgressBar bar, boolean firstFailureEnds) {
        return bar == null ? delegate : new ProgressSink(delegate, bar, firstFailureEnds);
    }

    @Override
    public void done(Chunk chunk, List<Object> results) {
        bar.advance(chunk.size());
        delegate.done(chunk, results);
    }

    @Override
    public void failed(Chunk chunk, Throwable cause) {
        if (firstFailureEnds) bar.abort(chunk.size(), cause);
        else bar.fail(chunk.size(), cause);
        delegate.failed(chunk, cause);
    }
}
