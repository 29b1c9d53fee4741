package io.procbook.mp;

import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressState.Phase;
import io.procbook.mp.spi.ProgressView;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * One live progress display: counts items as they are done or fail, and shows the count, the rate, the time
 * elapsed and the time left, redrawn in place at most about five times a second, and its final state once
 * (100 % with the total time and rate, or where and why it stopped). Obtained from {@link Progress#start}, or
 * made for you by {@link Progress#track} and by the pool methods that take a {@link Progress}.
 *
 * <pre>{@code
 * try (ProgressBar bar = Progress.bar("files").start(paths.size())) {
 *     for (Path p : paths) {
 *         try {
 *             index(p);
 *             bar.advance();
 *         } catch (IOException e) {
 *             bar.fail(e);          // counted, shown, and the loop goes on
 *         }
 *     }
 * }                                 // close(): the final state, even if the loop was left early
 * }</pre>
 *
 * <p>Ending: with a known total the bar ends by itself as soon as every item is accounted for
 * ({@link #advance} or {@link #fail}), showing "done" (with the number failed, if any). {@link #close()} ends it
 * earlier as "stopped" (or "done" if the total was unknown), {@link #abort} as "FAILED" with a reason. After
 * the end, further calls change nothing. A bar that is never ended stays on its last drawn state.
 *
 * <p>Cost: counting is an atomic add and a clock read (some tens of nanoseconds); drawing happens on the thread
 * that counts, when at least 200 ms have passed since the last drawing. Pools count per chunk, and tracked
 * loops count a batch of items at a time when their items come faster than one a millisecond. No method
 * blocks except for the drawing itself, which the display keeps short.
 *
 * <p>Thread-safe: any number of threads may count at once; the display is drawn by one at a time, and the final
 * state is always the last thing drawn. Actions in a thread before it counts happen-before the drawing of any
 * state that includes that count. A bar belongs to the process that made it: it is not Serializable.
 */
public final class ProgressBar implements AutoCloseable {

    /** At most five redraws a second, as tqdm's default and the monitor's rate. */
    static final long REDRAW_NANOS = 200_000_000L;
    private static final int FAILURE_CHARS = 80;

    private final String description;
    private final long total;
    private final LongSupplier clock;
    private final long startNanos;
    /** Done plus failed: one counter, so that exactly one thread sees the total reached. */
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong failedItems = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Serializes drawing; counting never waits for it (tryLock), the final drawing does. */
    private final ReentrantLock drawLock = new ReentrantLock();
    /** Set to null if the view throws. Guarded by drawLock. */
    private ProgressView view;
    /** Guarded by drawLock. */
    private boolean shown;
    /** Guarded by drawLock: once set, nothing is drawn again. */
    private boolean finalShown;
    /** Written under drawLock, read without it to skip the lock while nothing needs drawing. */
    private volatile long lastDrawNanos;
    /** Written once, before {@link #phase} leaves RUNNING. */
    private volatile long endNanos;
    private volatile Phase phase = Phase.RUNNING;
    private volatile String failure;
    private final boolean ticking;

    ProgressBar(String description, long total, ProgressView view, LongSupplier clock, boolean ticking) {
        if (total < -1) throw new IllegalArgumentException("total must be >= 0 (or -1: unknown), not " + total);
        this.description = description;
        this.total = total;
        this.view = view;
        this.clock = clock;
        this.ticking = ticking;
        this.startNanos = clock.getAsLong();
        this.lastDrawNanos = startNanos;
    }

    /** Counts one item done, as {@link #advance(long) advance(1)} does. */
    public void advance() {
        advance(1);
    }

    /**
     * Counts items done. Redraws the display if it was last drawn 200 ms ago or more; ends the bar if every
     * item is now accounted for. Does nothing once the bar has ended.
     *
     * @param items how many items were done
     * @throws IllegalArgumentException if {@code items < 0}
     */
    public void advance(long items) {
        if (items < 0) throw new IllegalArgumentException("items must be >= 0, not " + items);
        advanceTimed(items);
    }

    /**
     * Counts one item failed, as {@link #fail(long, Throwable) fail(1, cause)} does.
     *
     * @param cause why it failed, or {@code null}
     */
    public void fail(Throwable cause) {
        fail(1, cause);
    }

    /**
     * Counts items failed; the bar goes on and, at its end, says how many failed and shows the first
     * failure. Does nothing once the bar has ended.
     *
     * @param items how many items failed
     * @param cause why, or {@code null}; only the first failure is shown
     * @throws IllegalArgumentException if {@code items < 0}
     */
    public void fail(long items, Throwable cause) {
        if (items < 0) throw new IllegalArgumentException("items must be >= 0, not " + items);
        if (ended.get()) return;
        counted(countFailed(items, cause), items);
    }

    /**
     * Ends the bar as FAILED: the work was given up. Shows the final state with the reason, and returns once
     * it has been drawn. Does nothing if the bar has ended already.
     *
     * @param cause why the work was given up, or {@code null}
     */
    public void abort(Throwable cause) {
        end(Phase.FAILED, cause == null ? null : describe(cause));
    }

    /** Counts failed items and ends as FAILED, even if they were the last ones (a map fails as a whole). */
    void abort(long items, Throwable cause) {
        if (ended.get()) return;
        countFailed(items, cause);
        abort(cause);
    }

    /**
     * Ends the bar: "done" if every item was accounted for or the total is unknown, else "stopped" where it
     * was. Shows the final state and returns once it has been drawn. Idempotent.
     */
    @Override
    public void close() {
        end(total < 0 || processed.get() >= total ? Phase.DONE : Phase.STOPPED, null);
    }

    /**
     * Returns the state now. Never blocks.
     *
     * @return the current state; final once the bar has ended
     */
    public ProgressState state() {
        Phase p = phase;
        long now = p == Phase.RUNNING ? clock.getAsLong() : endNanos;
        long failed = failedItems.get();
        long all = Math.max(processed.get(), failed);
        return new ProgressState(description, all - failed, failed, total, Math.max(0, now - startNanos), p, failure);
    }

    /**
     * Returns the number of items expected.
     *
     * @return the total given at the start, or {@code -1} if unknown
     */
    public long total() {
        return total;
    }

    /**
     * Tells whether the bar has ended. Never blocks.
     *
     * @return whether it has ended (by itself, or by {@link #close} or {@link #abort})
     */
    public boolean isEnded() {
        return ended.get();
    }

    /** @return the current state as one line of text, as {@link ProgressState#text()} */
    @Override
    public String toString() {
        return state().text();
    }

    // ---- for the runtime ------------------------------------------------------------------------------------

    /**
     * Shows the bar for the first time, unless something already was (a chunk that finished first); a bar of
     * zero items ends at once. Pools call it once the work is submitted, so a refused submission shows
     * nothing (a bar that never began is never drawn, nor ticked).
     */
    void begin() {
        if (total == 0) {
            close();
            return;
        }
        if (ticking && !ended.get()) ProgressTicker.add(this);
        drawLock.lock();
        try {
            if (shown || ended.get()) return;
            lastDrawNanos = clock.getAsLong();
            draw(state());
        } finally {
            drawLock.unlock();
        }
    }

    /**
     * {@link #advance(long)} for the runtime's own callers (items already checked).
     *
     * @return the clock reading it made, so that a caller can pace how often it counts
     */
    long advanceTimed(long items) {
        if (ended.get()) return clock.getAsLong();
        return counted(processed.addAndGet(items), items);
    }

    /** Redraws if nothing was drawn for a while: the elapsed time and ETA move while the work does not. */
    void refresh() {
        if (!ended.get()) maybeDraw(clock.getAsLong());
    }

    private long countFailed(long items, Throwable cause) {
        if (failure == null && cause != null) failure = describe(cause);
        failedItems.addAndGet(items);
        return processed.addAndGet(items);
    }

    /** @return the clock reading made */
    private long counted(long nowProcessed, long items) {
        if (total >= 0 && nowProcessed >= total && nowProcessed - items < total) {
            close();
            return endNanos;
        }
        long now = clock.getAsLong();
        maybeDraw(now);
        return now;
    }

    private void maybeDraw(long now) {
        if (now - lastDrawNanos < REDRAW_NANOS || !drawLock.tryLock()) return;
        try {
            if (finalShown || ended.get() || now - lastDrawNanos < REDRAW_NANOS) return;
            lastDrawNanos = now;
            draw(state());
        } finally {
            drawLock.unlock();
        }
    }

    private void end(Phase how, String reason) {
        if (!ended.compareAndSet(false, true)) return;
        ProgressTicker.remove(this);
        if (reason != null && failure == null) failure = reason;
        endNanos = clock.getAsLong();
        phase = how;
        drawLock.lock();
        try {
            if (finalShown) return;
            finalShown = true;
            draw(state());
        } finally {
            drawLock.unlock();
        }
    }

    /** Requires drawLock. */
    private void draw(ProgressState s) {
        ProgressView v = view;
        if (v == null) return;
        shown = true;
        try {
            v.show(s);
        } catch (RuntimeException e) {
            view = null; // a broken display must not break the work it shows
            System.err.println("procbook: progress display turned off: " + e);
        }
    }

    /** One line naming a failure: the task's exception, not the wrappers it travelled in. */
    static String describe(Throwable t) {
        while ((t instanceof CompletionException || t instanceof TaskFailedException) && t.getCause() != null) {
            t = t.getCause();
        }
        String name = t instanceof RemoteTaskException r ? r.remoteClassName() : t.getClass().getName();
        name = name.substring(name.lastIndexOf('.') + 1);
        String message = t.getMessage();
        String line = message == null || message.isBlank() ? name : name + ": " + message.strip().lines().findFirst().orElse("");
        return oneLine(line, FAILURE_CHARS);
    }

    /** Control characters become spaces, and a long text is cut with an ellipsis. */
    static String oneLine(String text, int max) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > max) out.setCharAt(max - 1, '\u2026');
        return out.toString();
    }
}
