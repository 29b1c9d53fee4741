package io.procbook.shell.magic;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Durations the way IPython prints them: three significant digits and the largest unit that fits. */
final class TimeFormat {

    private TimeFormat() { }

    static String seconds(double s) {
        if (s >= 60) {
            long whole = (long) s;
            long h = whole / 3600, m = whole % 3600 / 60;
            double sec = s - h * 3600 - m * 60;
            return h > 0 ? String.format(Locale.ROOT, "%dh %dmin %.0f s", h, m, sec)
                         : String.format(Locale.ROOT, "%dmin %.1f s", m, sec);
        }
        String[] units = {"s", "ms", "\u00b5s", "ns"};
        double v = s;
        int u = 0;
        while (u < units.length - 1 && v != 0 && Math.abs(v) < 1) {
            v *= 1000;
            u++;
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(3));
        if (r.abs().compareTo(BigDecimal.valueOf(1000)) >= 0 && u > 0) { // 999.7 ms rounds up to 1 s
            r = r.movePointLeft(3).round(new MathContext(3));
            u--;
        }
        return r.stripTrailingZeros().toPlainString() + " " + units[u];
    }
}
