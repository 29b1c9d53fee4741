package io.procbook.mp.spi;

/**
 * One progress display, as opened by a {@link ProgressHost}: the first {@link #show} makes it appear, every
 * later one replaces it in place (in the kernel: display_data, then update_display_data with the same id).
 *
 * <p>The runtime calls {@link #show} at most about five times a second while the work runs (and about once a
 * second while nothing moves), and always once more with the final state ({@link ProgressState#isFinal()}),
 * after which it never calls this view again. Calls come from whichever thread moved the bar (the iterating
 * thread, a pool's result thread, the runtime's progress timer), never two at once for the same view, so an
 * implementation need not be safe for concurrent use; it must return quickly and must not block (the work
 * waits for it). A {@code RuntimeException} it throws turns this bar's display off; the work goes on.
 */
public interface ProgressView {

    /**
     * Shows the bar's state, replacing what this view showed before.
     *
     * @param state the state to show
     */
    void show(ProgressState state);
}
