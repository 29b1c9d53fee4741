package io.procbook.monitor;

/**
 * Human-readable numbers for the display; one place so that the live table, text and summary agree.
 * No {@code String.format} here: the sampler renders several times a second, mostly before the JIT has
 * compiled this code, and an interpreted Formatter would dominate the monitor's CPU budget.
 */
final class Format {

    private Format() { }

    static String percent(double percent) { return Math.round(percent) + " %"; }

    /** CPU time with a tenth of a second while short, so that a busy row visibly moves. */
    static String cpu(long nanos) {
        if (nanos < 60_000_000_000L) return decimal(new StringBuilder(8), nanos / 1e9).append(" s").toString();
        return duration(nanos / 1_000_000);
    }

    /** Elapsed time to the whole second: it changes at most once a second, so idle rows rarely re-render. */
    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) return s + " s";
        if (s < 3600) return s / 60 + " min " + twoDigits(s % 60) + " s";
        return s / 3600 + " h " + twoDigits(s / 60 % 60) + " min";
    }

    /** Wall time with a tenth of a second, for the final summary. */
    static String wall(long millis) {
        if (millis < 60_000) return decimal(new StringBuilder(8), millis / 1000.0).append(" s").toString();
        return duration(millis);
    }

    static String bytes(long bytes) {
        if (bytes < 0) return "";
        if (bytes < 1024 * 1024) return Math.round(bytes / 1024.0) + " KiB";
        if (bytes < 1024L * 1024 * 1024) return decimal(new StringBuilder(12), bytes / 1048576.0).append(" MiB").toString();
        return decimal(new StringBuilder(12), bytes / 1073741824.0).append(" GiB").toString();
    }

    static String count(int n, String singular, String plural) { return n + " " + (n == 1 ? singular : plural); }

    /** Appends {@code value} with one decimal. */
    static StringBuilder decimal(StringBuilder out, double value) {
        long tenths = Math.round(value * 10);
        if (tenths < 0) {
            out.append('-');
            tenths = -tenths;
        }
        return out.append(tenths / 10).append('.').append(tenths % 10);
    }

    /** Appends {@code text} left-aligned in {@code width} columns (never cut). */
    static StringBuilder left(StringBuilder out, String text, int width) {
        out.append(text);
        for (int i = text.length(); i < width; i++) out.append(' ');
        return out;
    }

    /** Appends {@code text} right-aligned in {@code width} columns (never cut). */
    static StringBuilder right(StringBuilder out, String text, int width) {
        for (int i = text.length(); i < width; i++) out.append(' ');
        return out.append(text);
    }

    private static String twoDigits(long n) { return n < 10 ? "0" + n : Long.toString(n); }
}
