package io.procbook.monitor;

import java.util.List;

/**
 * The text/html form of the monitor: a live table while things run, the summary (chart and final table)
 * after. Self-contained: inline styles, no scripts, every name escaped. The text takes the front end's colour,
 * so it reads on a dark theme too. Untrusted front ends sanitize it: they drop the {@code style} attributes
 * (Notebook 6) or keep the ones they know (JupyterLab); either way a plain table is left.
 */
final class HtmlRenderer {

    private static final String BOX = "<div style=\"font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
        + "font-size:12px;line-height:1.4\">";
    private static final String TABLE = "<table style=\"border-collapse:collapse;margin-top:4px\">";
    private static final String TH = "<th style=\"text-align:left;padding:2px 8px;border-bottom:1px solid #ccc;"
        + "font-weight:600\">";
    private static final String TD = "<td style=\"padding:2px 8px\">";
    private static final String TD_NUM = "<td style=\"padding:2px 8px;text-align:right;"
        + "font-variant-numeric:tabular-nums\">";
    private static final String TOTAL_ROW = "<tr style=\"border-top:1px solid #ccc;font-weight:600\">";

    private HtmlRenderer() { }

    static String live(LiveModel m) {
        StringBuilder out = new StringBuilder(4096 + m.lines().size() * 1000).append(BOX);
        out.append("<div style=\"font-weight:600\">procbook monitor \u00b7 ").append(Escape.markup(m.headline()))
            .append("</div>").append(TABLE).append("<thead><tr>");
        for (String h : List.of("", "name", "pid", "state", "CPU", "CPU time", "memory", "elapsed", "CPU history")) {
            out.append(TH).append(h).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (LiveModel.Line r : m.lines()) {
            out.append("<tr>").append(TD).append(swatch(r.colour())).append("</td>")
                .append(TD).append(Escape.markup(r.name())).append("</td>")
                .append(TD_NUM).append(r.pid()).append("</td>")
                .append(TD).append(Escape.markup(r.state())).append("</td>")
                .append(TD_NUM).append(r.cpuNow()).append("</td>")
                .append(TD_NUM).append(r.cpuTime()).append("</td>")
                .append(TD_NUM).append(r.memory()).append("</td>")
                .append(TD_NUM).append(r.elapsed()).append("</td>")
                .append(TD).append(Sparkline.svg(r.spark(), r.colour())).append("</td></tr>");
        }
        LiveModel.Line t = m.total();
        out.append(TOTAL_ROW).append(TD).append(swatch(t.colour())).append("</td>").append(TD).append("total</td>")
            .append(TD).append("</td>").append(TD).append(bar(m.totalBarPercent())).append("</td>")
            .append(TD_NUM).append(t.cpuNow()).append("</td>")
            .append(TD_NUM).append(t.cpuTime()).append("</td>")
            .append(TD_NUM).append(t.memory()).append("</td>")
            .append(TD).append("</td>").append(TD).append(Sparkline.svg(t.spark(), t.colour()))
            .append("</td></tr></tbody></table>");
        return note(out).append("</div>").toString();
    }

    /**
     * @param chart the chart as an {@code <img>} (see {@link #image}); it carries the headline, and the table's
     *              total row the same numbers
     */
    static String summary(MonitorSnapshot s, String chart) {
        StringBuilder out = new StringBuilder(chart.length() + 4096).append(BOX);
        out.append("<div style=\"font-weight:600\">").append(MonitorBundles.SUMMARY_PREFIX).append("</div>")
            .append(chart).append(TABLE).append("<thead><tr>");
        for (String h : List.of("", "name", "pid", "state", "CPU time", "average CPU", "peak CPU", "peak memory",
                                "elapsed")) {
            out.append(TH).append(h).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        List<SeriesSnapshot> rows = s.rows();
        for (int i = 0; i < rows.size(); i++) {
            SeriesSnapshot r = rows.get(i);
            boolean process = r.kind() == SeriesSnapshot.Kind.PROCESS;
            out.append("<tr>").append(TD).append(swatch(Palette.colour(i))).append("</td>")
                .append(TD).append(Escape.markup(r.name())).append("</td>")
                .append(TD_NUM).append(process ? Long.toString(r.id()) : "thread").append("</td>")
                .append(TD).append(Escape.markup(r.state())).append("</td>")
                .append(TD_NUM).append(Format.cpu(r.cpuNanos())).append("</td>")
                .append(TD_NUM).append(Format.percent(r.averagePercent(s.nowMillis()))).append("</td>")
                .append(TD_NUM).append(Format.percent(r.peakPercent())).append("</td>")
                .append(TD_NUM).append(Format.bytes(r.peakRssBytes())).append("</td>")
                .append(TD_NUM).append(Format.wall(r.elapsedMillis(s.nowMillis()))).append("</td></tr>");
        }
        out.append(TOTAL_ROW).append(TD).append(swatch(Palette.TOTAL)).append("</td>").append(TD).append("total</td>")
            .append(TD).append("</td>").append(TD).append("</td>")
            .append(TD_NUM).append(Format.cpu(s.totalCpuNanos())).append("</td>")
            .append(TD_NUM).append(Format.percent(s.total().averagePercent(s.nowMillis()))).append("</td>")
            .append(TD_NUM).append(Format.percent(s.peakTotalPercent())).append(" of ")
            .append(Format.percent(s.cores() * 100.0)).append("</td>")
            .append(TD_NUM).append(Format.bytes(s.total().peakRssBytes())).append("</td>")
            .append(TD_NUM).append(Format.wall(s.wallMillis())).append("</td></tr></tbody></table>");
        return note(out).append("</div>").toString();
    }

    /**
     * An image whose content is in the page ({@code data:} URI): the chart shown at {@code width} by
     * {@code height} CSS pixels, narrower where the output area is (and as sharp as the image's pixels allow).
     */
    static String image(String mime, String base64, int width, int height) {
        return "<img src=\"data:" + mime + ";base64," + base64 + "\" width=\"" + width + "\" height=\"" + height
            + "\" alt=\"CPU use over time, per process and in total\""
            + " style=\"display:block;max-width:100%;height:auto;margin-top:4px\">";
    }

    /** The summary of work that did almost nothing: one line. */
    static String brief(String line) {
        return BOX + Escape.markup(line) + "</div>";
    }

    /** Appends what this system does not let the monitor measure, if anything ({@link PlatformNote}). */
    private static StringBuilder note(StringBuilder out) {
        String note = PlatformNote.text();
        if (note == null) return out;
        return out.append("<div style=\"margin-top:4px;opacity:0.7\">").append(Escape.markup(note)).append("</div>");
    }

    /** A row's colour; outlined, so that the total's near-black one shows on a dark theme too. */
    private static String swatch(String colour) {
        return "<span style=\"display:inline-block;width:10px;height:10px;border-radius:2px;border:1px solid #888;"
            + "background:" + colour + "\"></span>";
    }

    private static String bar(int width) {
        return "<div style=\"width:100px;height:8px;background:#eee;border-radius:2px\"><div style=\"width:" + width
            + "px;height:8px;background:#4e79a7;border-radius:2px\"></div></div>";
    }
}
