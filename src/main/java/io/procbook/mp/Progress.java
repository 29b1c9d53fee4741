package io.procbook.mp;

import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProgressHost;
import io.procbook.mp.spi.ProgressView;

import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How to show the progress of long work (Python's tqdm): an immutable description of a progress bar, handed
 * to the pool methods that take one, or used to track any loop. The bar shows items done out of the total,
 * the percentage, the rate, the time elapsed and the estimated time left; it is redrawn in place at most about
 * five times a second, always ends showing its final state (100 % with the total time and rate), and says so
 * when work failed.
 *
 * <pre>{@code
 * try (Pool pool = new Pool(4)) {
 *     List<Integer> squares = pool.map(x -> x * x, items, Progress.bar("squares"));
 *
 *     PoolIterator<Row> rows = pool.imapUnordered(Row::parse, files, Progress.bar("parse"));
 *     while (rows.hasNext()) store(rows.next());
 * }
 *
 * for (String line : Progress.bar("lines").track(lines)) {   // any Iterable, as tqdm(lines)
 *     index(line);
 * }
 * Iterator<Row> it = Progress.bar().track(pool.imap(Row::parse, files));   // counts as the loop consumes
 * }</pre>
 *
 * <p>Where the bar appears: in a notebook, as one live display in the output of the cell whose thread started
 * it (the thread calling {@code map}, or iterating the tracked loop), updated in place, even while the results
 * are gathered by other threads. Without a notebook, as text on standard error: one line redrawn in place on a
 * terminal, or a whole line at most every ten seconds and the final line when standard error is not a
 * terminal (a log), so that a long job does not flood its log. A host can show bars elsewhere through
 * {@link io.procbook.mp.spi.ProgressHost}.
 *
 * <p>What counts: a pool counts each chunk when it finishes (so a map with the default chunks moves in steps of
 * a chunk, and costs nothing measurable); a failed chunk counts all its items as failed. {@code map} and
 * {@code starmap} fail as a whole with their first failure, and so does their bar ("FAILED after 2.1 s:
 * ArithmeticException: / by zero"); an {@code imap} goes on past failed items, and its bar ends saying how many
 * failed. A tracked loop counts an item once its body has run (when the loop asks for the next), counts an item
 * whose {@code next()} threw as failed, and ends when the iteration does; a loop left early ({@code break}, an
 * exception in its body) leaves its bar where it stopped. Use {@link #start(long)} and close the
 * {@link ProgressBar} in a {@code finally} (or try-with-resources) to show that stop.
 *
 * <p>Opt-in: nothing is shown unless a {@code Progress} is passed; {@link #none()} stands for "no bar" where a
 * {@code Progress} is required (e.g. {@code verbose ? Progress.bar() : Progress.none()}). A {@code Progress}
 * can be used for any number of bars, each with its own count; it is immutable and safe to share between
 * threads. It is not Serializable: bars belong to the process that shows them.
 */
public final class Progress {

    private static final int DESCRIPTION_CHARS = 40;
    private static final Progress NONE = new Progress(false, "", null, null);

    private final boolean enabled;
    /** {@code null}: a pool names the bar after its method ("map"); a tracked loop has no name. */
    private final String description;
    private final LongSupplier clock;
    private final ProgressHost host;

    private Progress(boolean enabled, String description, LongSupplier clock, ProgressHost host) {
        this.enabled = enabled;
        this.description = description;
        this.clock = clock;
        this.host = host;
    }

    /**
     * Returns a progress bar with no description (a pool's bar is named after its method, e.g. {@code map}).
     *
     * @return a progress bar description
     */
    public static Progress bar() {
        return new Progress(true, null, null, null);
    }

    /**
     * Returns a progress bar shown with a description.
     *
     * @param description what is counted, e.g. {@code "squares"}; line breaks become spaces, and more than 40
     *                    characters are cut
     * @return a progress bar description
     * @throws NullPointerException if {@code description} is null
     */
    public static Progress bar(String description) {
        return new Progress(true, ProgressBar.oneLine(description.strip(), DESCRIPTION_CHARS), null, null);
    }

    /**
     * Returns "no progress bar": pools run as without one, {@link #track} returns what it is given, and
     * {@link #start} returns a bar that counts but shows nothing.
     *
     * @return the disabled progress
     */
    public static Progress none() {
        return NONE;
    }

    /**
     * Tells whether bars of this description are shown.
     *
     * @return {@code false} only for {@link #none()}
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Returns the description shown with the bar.
     *
     * @return the description given to {@link #bar(String)}, or {@code ""}
     */
    public String description() {
        return description == null ? "" : description;
    }

    /**
     * Starts a bar of {@code total} items, shown at once, to be counted with {@link ProgressBar#advance()}.
     * It belongs to the calling thread's cell in a notebook.
     *
     * @param total how many items there will be
     * @return the running bar; close it to show its final state if the work may stop early
     * @throws IllegalArgumentException if {@code total < 0}
     */
    public ProgressBar start(long total) {
        if (total < 0) throw new IllegalArgumentException("total must be >= 0, not " + total);
        return started(total);
    }

    /**
     * Starts a bar of an unknown number of items (it shows the count, rate and elapsed time); close it to
     * show its final state.
     *
     * @return the running bar
     */
    public ProgressBar start() {
        return started(-1);
    }

    /**
     * Tracks a loop over {@code items} (Python's {@code tqdm(items)}). Each {@code iterator()} of the result
     * starts a bar, on the thread that calls it; its total is the size of {@code items} if it is a
     * {@link Collection}, else unknown. The items are read lazily, as the loop goes.
     *
     * @param items the items
     * @param <T>   the item type
     * @return an Iterable over the same items that counts them; {@code items} itself for {@link #none()}
     * @throws NullPointerException if {@code items} is null
     */
    public <T> Iterable<T> track(Iterable<T> items) {
        Objects.requireNonNull(items, "items");
        if (!enabled) return items;
        return () -> new TrackedIterator<>(items.iterator(), started(items instanceof Collection<?> c ? c.size() : -1));
    }

    /**
     * Tracks a loop over {@code items} of {@code total} items, as {@link #track(Iterable)} does.
     *
     * @param items the items
     * @param total how many there are (the bar's 100 %)
     * @param <T>   the item type
     * @return an Iterable over the same items that counts them; {@code items} itself for {@link #none()}
     * @throws IllegalArgumentException if {@code total < 0}
     * @throws NullPointerException     if {@code items} is null
     */
    public <T> Iterable<T> track(Iterable<T> items, long total) {
        Objects.requireNonNull(items, "items");
        if (total < 0) throw new IllegalArgumentException("total must be >= 0, not " + total);
        if (!enabled) return items;
        return () -> new TrackedIterator<>(items.iterator(), started(total));
    }

    /**
     * Tracks the rest of an iteration, starting its bar now, on the calling thread. The total is what a
     * {@link PoolIterator} has left, else unknown. For a pool's results this counts as they are consumed;
     * passing the {@code Progress} to {@code imap} instead counts them as they finish.
     *
     * @param iterator the iterator; use only the returned one from now on
     * @param <T>      the item type
     * @return an iterator over the same items that counts them; {@code iterator} itself for {@link #none()}
     * @throws NullPointerException if {@code iterator} is null
     */
    public <T> Iterator<T> track(Iterator<T> iterator) {
        Objects.requireNonNull(iterator, "iterator");
        if (!enabled) return iterator;
        return new TrackedIterator<>(iterator, started(iterator instanceof PoolIterator<?> p ? p.remaining() : -1));
    }

    /**
     * Tracks the rest of an iteration of {@code total} items, as {@link #track(Iterator)} does.
     *
     * @param iterator the iterator; use only the returned one from now on
     * @param total    how many items are left (the bar's 100 %)
     * @param <T>      the item type
     * @return an iterator over the same items that counts them; {@code iterator} itself for {@link #none()}
     * @throws IllegalArgumentException if {@code total < 0}
     * @throws NullPointerException     if {@code iterator} is null
     */
    public <T> Iterator<T> track(Iterator<T> iterator, long total) {
        Objects.requireNonNull(iterator, "iterator");
        if (total < 0) throw new IllegalArgumentException("total must be >= 0, not " + total);
        if (!enabled) return iterator;
        return new TrackedIterator<>(iterator, started(total));
    }

    @Override
    public String toString() {
        return !enabled ? "Progress.none()" : description == null ? "Progress.bar()" : "Progress.bar(\"" + description + "\")";
    }

    // ---- for the runtime ------------------------------------------------------------------------------------

    /** A copy reading time from {@code nanoClock} instead of {@link System#nanoTime()} (for tests). */
    Progress withClock(LongSupplier nanoClock) {
        return new Progress(enabled, description, Objects.requireNonNull(nanoClock), host);
    }

    /** A copy shown through {@code progressHost} instead of the installed one (for tests). */
    Progress withHost(ProgressHost progressHost) {
        return new Progress(enabled, description, clock, Objects.requireNonNull(progressHost));
    }

    /**
     * Opens a bar for pool work on the calling thread, not yet shown (the pool calls {@link ProgressBar#begin}
     * once its work is submitted, or {@link ProgressBar#discard} if it was refused), redrawn by the ticker
     * while it runs.
     *
     * @param operation the bar's name if this has no description, e.g. "map"
     * @return the bar, or {@code null} for {@link #none()}
     */
    ProgressBar openForPool(String operation, long total) {
        return enabled ? open(operation, total, true) : null;
    }

    private ProgressBar started(long total) {
        ProgressBar bar = open("", total, false);
        bar.begin();
        return bar;
    }

    private ProgressBar open(String defaultDescription, long total, boolean ticking) {
        LongSupplier c = clock != null ? clock : System::nanoTime;
        ProgressView view = null;
        if (enabled) {
            ProgressHost h = host != null ? host : Hooks.progressHost();
            if (h != null) view = h.open();
            if (view == null) view = ConsoleProgress.onStandardError(c);
        }
        return new ProgressBar(description != null ? description : defaultDescription, total, view, c, ticking);
    }
}
