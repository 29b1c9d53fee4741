package io.procbook.monitor;

import java.util.Locale;

/** Human-readable numbers for the display; one place so that the live table, text and summary agree. */
final class Format {

    private Format() { }

    static String percent(double percent) { return Math.round(percent) + " %"; }

    /** CPU time with a tenth of a second while short, so that a busy row visibly moves. */
    static String cpu(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds < 60) return String.format(Locale.ROOT, "%.1f s", seconds);
        return duration(nanos / 1_000_000);
    }

    /** Elapsed time to the whole second: it changes at most once a second, so idle rows rarely re-render. */
    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }

    /** Wall time with a tenth of a second, for the final summary. */
    static String wall(long millis) {
        if (millis < 60_000) return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        return duration(millis);
    }

    static String bytes(long bytes) {
        if (bytes < 0) return "";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        if (bytes < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
        return String.format(Locale.ROOT, "%.2f GiB", bytes / 1073741824.0);
    }

    static String count(int n, String singular, String plural) { return n + " " + (n == 1 ? singular : plural); }

    /**
     * Appends {@code value} with one decimal. The sampler renders every few hundred milliseconds, and
     * String.format per sparkline point would cost a measurable share of the monitor's CPU budget.
     */
    static StringBuilder decimal(StringBuilder out, double value) {
        long tenths = Math.round(value * 10);
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        return out.append(tenths / 10).append('.').append(tenths % 10);
    }
}
