package io.procbook.monitor;

/** The text/plain form of the monitor, for consoles: a headline and one aligned line per row. */
final class TextRenderer {

    private static final int NAME = 22;

    private TextRenderer() { }

    static String live(LiveModel m) {
        StringBuilder out = new StringBuilder(256 + m.lines().size() * 120)
            .append("procbook monitor \u00b7 ").append(m.headline());
        for (LiveModel.Line r : m.lines()) {
            out.append("\n  ");
            Format.left(out, clip(r.name()), NAME).append(' ');
            Format.left(out, r.process() ? "pid " + r.pid() : "thread", 11).append(' ');
            Format.left(out, r.state(), 16).append(' ');
            Format.right(out, r.cpuNow(), 6).append("  cpu ");
            Format.right(out, r.cpuTime(), 8).append("  ");
            Format.right(out, r.memory(), 10).append("  ");
            Format.right(out, r.elapsed(), 9).append("  ");
            out.append(Sparkline.text(r.spark()));
        }
        return note(out);
    }

    static String summary(MonitorSnapshot s) {
        StringBuilder out = new StringBuilder(256 + s.rows().size() * 120)
            .append(MonitorBundles.SUMMARY_PREFIX).append(" \u00b7 ").append(Headlines.summary(s));
        for (SeriesSnapshot r : s.rows()) {
            boolean process = r.kind() == SeriesSnapshot.Kind.PROCESS;
            out.append("\n  ");
            Format.left(out, clip(r.name()), NAME).append(' ');
            Format.left(out, process ? "pid " + r.id() : "thread", 11).append(' ');
            Format.left(out, r.state(), 16).append(" cpu ");
            Format.right(out, Format.cpu(r.cpuNanos()), 8).append("  avg ");
            Format.right(out, Format.percent(r.averagePercent(s.nowMillis())), 6).append("  peak ");
            Format.right(out, Format.percent(r.peakPercent()), 6).append("  ");
            Format.right(out, Format.bytes(r.peakRssBytes()), 10).append("  ");
            Format.right(out, Format.wall(r.elapsedMillis(s.nowMillis())), 8);
        }
        return note(out);
    }

    /** Ends with what this system does not let the monitor measure, if anything ({@link PlatformNote}). */
    private static String note(StringBuilder out) {
        String note = PlatformNote.text();
        return note == null ? out.toString() : out.append("\n  (").append(note).append(')').toString();
    }

    private static String clip(String name) {
        return name.length() <= NAME ? name : name.substring(0, NAME - 1) + "\u2026";
    }
}
