package io.procbook.monitor;

import java.util.List;

/**
 * The final summary picture: CPU % over time for every process and busy thread, the cell's total and the
 * machine, against the cores' limit. Plain static SVG, so a saved notebook shows it without any script.
 */
final class Chart {

    private static final int WIDTH = 720;
    private static final int PLOT_HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    private static final int TOP = 28;
    private static final int AXIS = 34;
    private static final int LEGEND_ROW = 18;
    private static final int LEGEND_COLUMNS = 3;
    private static final int LEGEND_CHARS = 30;

    private Chart() { }

    static String svg(MonitorSnapshot s) {
        List<SeriesSnapshot> rows = s.rows();
        SeriesSnapshot machine = s.machine() == null || s.machine().samples().isEmpty() ? null : s.machine();
        int legendItems = rows.size() + 1 + (machine == null ? 0 : 1);
        int legendRows = (legendItems + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
        int height = TOP + PLOT_HEIGHT + AXIS + legendRows * LEGEND_ROW + 6;

        long t0 = s.total().startMillis();
        long t1 = Math.max(t0 + 1000, s.nowMillis());
        double limit = s.cores() * 100.0;
        double yMax = limit;
        for (SeriesSnapshot r : rows) yMax = Math.max(yMax, r.peakPercent());
        yMax = Math.max(yMax, s.total().peakPercent());
        if (machine != null) yMax = Math.max(yMax, machine.peakPercent());
        double yStep = niceStep(yMax / 5, 100);
        yMax = Math.ceil(yMax / yStep) * yStep;
        Axes axes = new Axes(t0, t1, yMax);

        StringBuilder out = new StringBuilder(8192);
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
            .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        out.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(height)
            .append("\" fill=\"#ffffff\"/>");
        out.append("<text x=\"").append(LEFT).append("\" y=\"16\" font-size=\"13\" font-weight=\"bold\">")
            .append(Escape.markup(Headlines.summary(s))).append("</text>");

        for (double y = 0; y <= yMax + 1e-9; y += yStep) {
            double py = axes.y(y);
            line(out, LEFT, py, WIDTH - RIGHT, py, "#e6e6e6", 1, null);
            out.append("<text x=\"").append(LEFT - 6).append("\" y=\"");
            Format.decimal(out, py + 4).append("\" text-anchor=\"end\">").append(Format.percent(y)).append("</text>");
        }
        double xStep = niceStep((t1 - t0) / 1000.0 / 8, 0.1);
        for (double x = 0; x <= (t1 - t0) / 1000.0 + 1e-9; x += xStep) {
            double px = axes.x(t0 + Math.round(x * 1000));
            line(out, px, TOP + PLOT_HEIGHT, px, TOP + PLOT_HEIGHT + 4, "#666", 1, null);
            out.append("<text x=\"");
            Format.decimal(out, px).append("\" y=\"").append(TOP + PLOT_HEIGHT + 16)
                .append("\" text-anchor=\"middle\">").append(trim(x)).append(" s</text>");
        }
        line(out, LEFT, TOP + PLOT_HEIGHT, WIDTH - RIGHT, TOP + PLOT_HEIGHT, "#666", 1, null);
        line(out, LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, "#666", 1, null);
        double limitY = axes.y(limit);
        line(out, LEFT, limitY, WIDTH - RIGHT, limitY, Palette.LIMIT, 1, "6 3");
        out.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"");
        Format.decimal(out, limitY - 4).append("\" text-anchor=\"end\" fill=\"").append(Palette.LIMIT).append("\">")
            .append(Format.count(s.cores(), "core", "cores")).append(" = ").append(Format.percent(limit)).append("</text>");

        if (machine != null) series(out, axes, machine, Palette.MACHINE, 1, "3 3");
        for (int i = 0; i < rows.size(); i++) series(out, axes, rows.get(i), Palette.colour(i), 1.5, null);
        series(out, axes, s.total(), Palette.TOTAL, 2.5, null);

        int item = 0;
        for (int i = 0; i < rows.size(); i++) legend(out, item++, height, legendRows, Palette.colour(i), label(rows.get(i)));
        legend(out, item++, height, legendRows, Palette.TOTAL, "total");
        if (machine != null) legend(out, item, height, legendRows, Palette.MACHINE, "whole machine");
        return out.append("</svg>").toString();
    }

    static String label(SeriesSnapshot r) {
        return switch (r.kind()) {
            case PROCESS -> r.name() + " (pid " + r.id() + ")";
            case THREAD -> r.name() + " (thread)";
            default -> r.name();
        };
    }

    private static void series(StringBuilder out, Axes axes, SeriesSnapshot r, String colour, double width,
                               String dash) {
        out.append("<polyline class=\"series\" data-kind=\"").append(r.kind().name().toLowerCase(java.util.Locale.ROOT))
            .append("\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width)
            .append("\" stroke-linejoin=\"round\"");
        if (dash != null) out.append(" stroke-dasharray=\"").append(dash).append('"');
        out.append(" points=\"");
        List<Sample> samples = r.samples();
        point(out, axes, r.startMillis(), samples.isEmpty() ? 0 : samples.get(0).cpuPercent());
        for (Sample p : samples) point(out, axes, p.millis(), p.cpuPercent());
        out.append("\"><title>").append(Escape.markup(label(r))).append("</title></polyline>");
    }

    private static void point(StringBuilder out, Axes axes, long millis, double percent) {
        Format.decimal(out, axes.x(millis)).append(',');
        Format.decimal(out, axes.y(percent)).append(' ');
    }

    private static void legend(StringBuilder out, int item, int height, int legendRows, String colour, String text) {
        int column = item / legendRows;
        int row = item % legendRows;
        double x = LEFT + column * ((WIDTH - LEFT - RIGHT) / (double) LEGEND_COLUMNS);
        double y = height - 6 - (legendRows - 1 - row) * LEGEND_ROW;
        line(out, x, y - 4, x + 18, y - 4, colour, 2.5, null);
        out.append("<text x=\"");
        Format.decimal(out, x + 24).append("\" y=\"");
        // a long name would run into the next legend column
        String shown = text.length() <= LEGEND_CHARS ? text : text.substring(0, LEGEND_CHARS - 1) + "\u2026";
        Format.decimal(out, y).append("\">").append(Escape.markup(shown)).append("</text>");
    }

    private static void line(StringBuilder out, double x1, double y1, double x2, double y2, String colour, double width,
                             String dash) {
        out.append("<line x1=\"");
        Format.decimal(out, x1).append("\" y1=\"");
        Format.decimal(out, y1).append("\" x2=\"");
        Format.decimal(out, x2).append("\" y2=\"");
        Format.decimal(out, y2).append("\" stroke=\"").append(colour).append("\" stroke-width=\"").append(width).append('"');
        if (dash != null) out.append(" stroke-dasharray=\"").append(dash).append('"');
        out.append("/>");
    }

    /** @return 1, 2 or 5 times a power of ten, at least {@code raw} and at least {@code floor} */
    static double niceStep(double raw, double floor) {
        double target = Math.max(raw, floor);
        double power = Math.pow(10, Math.floor(Math.log10(target)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * power >= target - 1e-9) return m * power;
        return 10 * power;
    }

    private static String trim(double seconds) {
        long tenths = Math.round(seconds * 10);
        return tenths % 10 == 0 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }

    private record Axes(long t0, long t1, double yMax) {
        double x(long millis) { return LEFT + (millis - t0) * (double) (WIDTH - LEFT - RIGHT) / (t1 - t0); }
        double y(double percent) { return TOP + PLOT_HEIGHT - Math.max(0, percent) / yMax * PLOT_HEIGHT; }
    }
}
