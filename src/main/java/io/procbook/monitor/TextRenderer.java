package io.procbook.monitor;

import java.util.List;
import java.util.Locale;

/** The text/plain form of the monitor, for consoles: a headline and one aligned line per row. */
final class TextRenderer {

    private static final int NAME = 22;
    private static final int SPARK = 20;

    private TextRenderer() { }

    static String live(MonitorSnapshot s) {
        StringBuilder out = new StringBuilder(256 + s.rows().size() * 120)
            .append("procbook monitor \u00b7 ").append(Headlines.live(s));
        for (SeriesSnapshot r : s.rows()) {
            boolean process = r.kind() == SeriesSnapshot.Kind.PROCESS;
            out.append('\n').append(String.format(Locale.ROOT, "  %-" + NAME + "s %-11s %-16s %6s  cpu %8s  %10s  %9s  %s",
                clip(r.name()), process ? "pid " + r.id() : "thread", r.state(),
                r.running() ? Format.percent(r.lastPercent()) : "-", Format.cpu(r.cpuNanos()),
                Format.bytes(r.lastRssBytes()), process ? Format.duration(r.elapsedMillis(s.nowMillis())) : "",
                Sparkline.text(r.samples(), SPARK)).stripTrailing());
        }
        return out.toString();
    }

    static String summary(MonitorSnapshot s) {
        StringBuilder out = new StringBuilder(256 + s.rows().size() * 120)
            .append("procbook monitor \u00b7 finished \u00b7 ").append(Headlines.summary(s));
        List<SeriesSnapshot> rows = s.rows();
        for (SeriesSnapshot r : rows) {
            boolean process = r.kind() == SeriesSnapshot.Kind.PROCESS;
            out.append('\n').append(String.format(Locale.ROOT,
                "  %-" + NAME + "s %-11s %-16s cpu %8s  avg %6s  peak %6s  %10s  %8s",
                clip(r.name()), process ? "pid " + r.id() : "thread", r.state(), Format.cpu(r.cpuNanos()),
                Format.percent(r.averagePercent(s.nowMillis())), Format.percent(r.peakPercent()),
                Format.bytes(r.peakRssBytes()), Format.wall(r.elapsedMillis(s.nowMillis()))).stripTrailing());
        }
        return out.toString();
    }

    private static String clip(String name) {
        return name.length() <= NAME ? name : name.substring(0, NAME - 1) + "\u2026";
    }
}
