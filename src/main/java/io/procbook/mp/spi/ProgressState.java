package io.procbook.mp.spi;

import java.util.Objects;

/**
 * What a progress bar shows at one moment: how many items are done or failed out of how many, for how long
 * the work has run, and whether it is still running. A {@link ProgressView} receives one per redraw and may
 * show it as it likes; {@link #text()} is the runtime's own one-line form (used on standard error and as the
 * text/plain form in the kernel), and its parts ({@link #percent()}, {@link #counts()}, {@link #details()})
 * let a richer view show the same words beside a drawn bar.
 *
 * <p>Example lines of {@link #text()}:
 * <pre>
 * squares  37% |#######-------------| 37000/100000  elapsed 3.0 s, ETA 5.1 s, 12.3k items/s
 * squares 100% |####################| 100000/100000  done in 8.1 s, 12.3k items/s
 * squares  37% |#######-------------| 37000/100000, 12500 failed  FAILED after 3.0 s: ArithmeticExcepti…
 * parse 100% |####################| 512/512, 3 failed  done in 4.2 s, 122 items/s; first failure: Unch…
 * rows 1234 items  elapsed 3.0 s, 411 items/s
 * </pre>
 *
 * <p>Instances are immutable and safe to share between threads.
 *
 * @param description  what is being counted, one line, possibly empty
 * @param done         items finished successfully
 * @param failed       items that failed (a failed chunk of a pool counts all its items)
 * @param total        how many items there are, or {@code -1} if unknown
 * @param elapsedNanos time since the bar started, up to now or, once final, up to its end
 * @param phase        whether the work runs or how it ended
 * @param failure      the first failure, described in one line (e.g. {@code ArithmeticException: / by zero}),
 *                     or {@code null} if nothing failed
 */
public record ProgressState(String description, long done, long failed, long total, long elapsedNanos,
                            Phase phase, String failure) {

    /** Where the work stands. Every phase but {@link #RUNNING} is final. */
    public enum Phase {
        /** Items are still coming. */
        RUNNING,
        /** Every item was accounted for (some may have failed, see {@link ProgressState#failed()}). */
        DONE,
        /** The work was given up because of a failure, e.g. the first failed task of a {@code map}. */
        FAILED,
        /** The bar was closed before every item was accounted for, e.g. a loop left early. */
        STOPPED
    }

    /** The longest {@link #text()}: a console line, and the kernel's text output stays within 100 columns. */
    public static final int TEXT_WIDTH = 100;
    private static final int BAR_CELLS = 20;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /**
     * Checks the state.
     *
     * @throws NullPointerException     if {@code description} or {@code phase} is null
     * @throws IllegalArgumentException if a count or the elapsed time is negative, or {@code total < -1}
     */
    public ProgressState {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(phase, "phase");
        if (done < 0 || failed < 0) throw new IllegalArgumentException("negative count: " + done + ", " + failed);
        if (total < -1) throw new IllegalArgumentException("total must be -1 (unknown) or >= 0, not " + total);
        if (elapsedNanos < 0) throw new IllegalArgumentException("negative elapsed time: " + elapsedNanos);
    }

    /**
     * Returns the items accounted for.
     *
     * @return {@code done + failed}
     */
    public long processed() {
        return done + failed;
    }

    /**
     * Tells whether this is the bar's last state.
     *
     * @return {@code true} unless the phase is {@link Phase#RUNNING}
     */
    public boolean isFinal() {
        return phase != Phase.RUNNING;
    }

    /**
     * Tells whether something went wrong: the work failed, or some items did.
     *
     * @return whether the phase is {@link Phase#FAILED} or any item failed
     */
    public boolean isFailure() {
        return phase == Phase.FAILED || failed > 0;
    }

    /**
     * Returns the part of the work accounted for.
     *
     * @return between 0 and 1 ({@code 1} for a total of 0), or {@code NaN} if the total is unknown
     */
    public double fraction() {
        if (total < 0) return Double.NaN;
        if (total == 0) return 1;
        return Math.min(1.0, (double) processed() / total);
    }

    /**
     * Returns the average rate since the start.
     *
     * @return items accounted for per second; 0 before any time has passed
     */
    public double rate() {
        return elapsedNanos == 0 ? 0 : processed() * (double) NANOS_PER_SECOND / elapsedNanos;
    }

    /**
     * Estimates the time left at the average rate so far.
     *
     * @return nanoseconds left, 0 once final, or {@code -1} if unknown (no total, or nothing done yet)
     */
    public long remainingNanos() {
        if (isFinal()) return 0;
        long left = total - processed();
        if (total < 0 || processed() == 0) return -1;
        if (left <= 0) return 0;
        return (long) (left * ((double) elapsedNanos / processed()));
    }

    /**
     * Returns the percentage done, as text.
     *
     * @return e.g. {@code "37%"} (rounded down, so that 100% means everything), or {@code ""} without a total
     */
    public String percent() {
        return total < 0 ? "" : (long) Math.floor(fraction() * 100) + "%";
    }

    /**
     * Returns the counts, as text.
     *
     * @return e.g. {@code "37000/100000"}, {@code "37000/100000, 2 failed"} or, without a total,
     *         {@code "1234 items"}
     */
    public String counts() {
        String n = total < 0 ? processed() + " items" : processed() + "/" + total;
        return failed == 0 ? n : n + ", " + failed + " failed";
    }

    /**
     * Returns the times, the rate and how the work ended, as text.
     *
     * @return e.g. {@code "elapsed 3.0 s, ETA 5.1 s, 12.3k items/s"}, {@code "done in 8.1 s, 12.3k items/s"},
     *         {@code "done in 8.1 s, 12.3k items/s; first failure: ArithmeticException: / by zero"},
     *         {@code "FAILED after 3.0 s: ArithmeticException: / by zero"} or
     *         {@code "stopped after 3.0 s, 12.3k items/s"}
     */
    public String details() {
        return details(false);
    }

    /** @param terse for a line that is too long: no rate, and the failure without its label */
    private String details(boolean terse) {
        StringBuilder out = new StringBuilder(64);
        if (phase == Phase.FAILED) {
            out.append("FAILED after ").append(duration(elapsedNanos));
            return failure == null ? out.toString() : out.append(": ").append(failure).toString();
        }
        switch (phase) {
            case RUNNING -> {
                out.append("elapsed ").append(duration(elapsedNanos));
                long left = remainingNanos();
                if (left >= 0) out.append(", ETA ").append(duration(left));
            }
            case DONE -> out.append("done in ").append(duration(elapsedNanos));
            default -> out.append("stopped after ").append(duration(elapsedNanos));
        }
        String r = terse ? "" : rate(rate());
        if (!r.isEmpty()) out.append(", ").append(r);
        if (isFinal() && failure != null) out.append(terse ? "; " : "; first failure: ").append(failure);
        return out.toString();
    }

    /**
     * Returns the whole state as one line of plain text (ASCII but for the description and the failure), of
     * at most {@value #TEXT_WIDTH} characters: a line that would be longer leaves out the rate and the words
     * "first failure", and is then cut, ending with an ellipsis.
     *
     * @return the line, e.g. {@code "squares  37% |#######-------------| 37000/100000  elapsed 3.0 s, ..."}
     */
    public String text() {
        StringBuilder out = new StringBuilder(120);
        if (!description.isEmpty()) out.append(description).append(' ');
        if (total >= 0) {
            String p = percent();
            for (int i = p.length(); i < 4; i++) out.append(' ');
            out.append(p).append(" |");
            int filled = (int) Math.floor(fraction() * BAR_CELLS);
            for (int i = 0; i < BAR_CELLS; i++) out.append(i < filled ? '#' : '-');
            out.append("| ");
        }
        out.append(counts()).append("  ");
        int head = out.length();
        out.append(details(false));
        if (out.length() <= TEXT_WIDTH) return out.toString();
        out.setLength(head);
        out.append(details(true));
        if (out.length() <= TEXT_WIDTH) return out.toString();
        out.setLength(TEXT_WIDTH - 1);
        return out.append('\u2026').toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /**
     * A duration as a reader wants it on a progress bar: tenths of a second while short, then minutes and
     * seconds, then hours and minutes.
     */
    static String duration(long nanos) {
        if (nanos < 60 * NANOS_PER_SECOND) {
            long tenths = nanos / (NANOS_PER_SECOND / 10);
            return tenths / 10 + "." + tenths % 10 + " s";
        }
        long s = nanos / NANOS_PER_SECOND;
        if (s < 3600) return s / 60 + " min " + twoDigits(s % 60) + " s";
        return s / 3600 + " h " + twoDigits(s / 60 % 60) + " min";
    }

    /** A rate in items per second, or seconds per item when slower than one a second; "" if none yet. */
    static String rate(double perSecond) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) return "";
        if (perSecond < 1) return oneDecimal(1 / perSecond) + " s/item";
        if (perSecond < 100) return oneDecimal(perSecond) + " items/s";
        if (perSecond < 10_000) return Math.round(perSecond) + " items/s";
        if (perSecond < 999_950) return oneDecimal(perSecond / 1e3) + "k items/s";
        return oneDecimal(perSecond / 1e6) + "M items/s";
    }

    private static String oneDecimal(double v) {
        long tenths = Math.round(v * 10);
        return tenths / 10 + "." + tenths % 10;
    }

    private static String twoDigits(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
