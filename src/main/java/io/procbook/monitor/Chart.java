package io.procbook.monitor;

import java.util.List;
import java.util.Locale;

/**
 * The final summary picture: CPU % over time for every process and busy thread, the cell's total and the
 * machine, against the cores' limit. One layout, drawn on a {@link Canvas}: as static SVG, or as the PNG that
 * a saved notebook shows wherever it is opened (see {@link MonitorBundles}). It has a white background of its own,
 * so it reads the same on a light or a dark theme.
 */
final class Chart {

    static final int WIDTH = 720;
    private static final int PLOT_HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int RIGHT = 16;
    // room between the title and the plot for the cores label, whose line is at the top when the total fills them
    private static final int TOP = 40;
    private static final int AXIS = 34;
    private static final int LEGEND_ROW = 18;
    private static final int LEGEND_COLUMNS = 3;
    private static final int LEGEND_CHARS = 30;
    private static final float[] LIMIT_DASH = {6, 3};
    private static final float[] MACHINE_DASH = {3, 3};

    private Chart() { }

    /** @return the chart as an SVG document */
    static String svg(MonitorSnapshot s) {
        SvgCanvas canvas = new SvgCanvas();
        draw(s, canvas);
        return canvas.svg();
    }

    /** @return the chart's height in CSS pixels (its width is {@link #WIDTH}) */
    static int height(MonitorSnapshot s) {
        return TOP + PLOT_HEIGHT + AXIS + legendRows(s) * LEGEND_ROW + 6;
    }

    private static SeriesSnapshot machine(MonitorSnapshot s) {
        return s.machine() == null || s.machine().samples().isEmpty() ? null : s.machine();
    }

    private static int legendRows(MonitorSnapshot s) {
        int items = s.rows().size() + 1 + (machine(s) == null ? 0 : 1);
        return (items + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
    }

    static void draw(MonitorSnapshot s, Canvas out) {
        List<SeriesSnapshot> rows = s.rows();
        SeriesSnapshot machine = machine(s);
        int legendRows = legendRows(s);
        int height = height(s);

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

        out.begin(WIDTH, height, Palette.BACKGROUND);
        out.text(LEFT, 16, Headlines.summary(s), Canvas.Align.START, 13, true, Palette.TEXT);

        for (double y = 0; y <= yMax + 1e-9; y += yStep) {
            double py = axes.y(y);
            out.line(LEFT, py, WIDTH - RIGHT, py, Palette.GRID, 1, null);
            out.text(LEFT - 6, py + 4, Format.percent(y), Canvas.Align.END, 11, false, Palette.TEXT);
        }
        double xStep = niceStep((t1 - t0) / 1000.0 / 8, 0.1);
        for (double x = 0; x <= (t1 - t0) / 1000.0 + 1e-9; x += xStep) {
            double px = axes.x(t0 + Math.round(x * 1000));
            out.line(px, TOP + PLOT_HEIGHT, px, TOP + PLOT_HEIGHT + 4, Palette.AXIS, 1, null);
            out.text(px, TOP + PLOT_HEIGHT + 16, trim(x) + " s", Canvas.Align.MIDDLE, 11, false, Palette.TEXT);
        }
        out.line(LEFT, TOP + PLOT_HEIGHT, WIDTH - RIGHT, TOP + PLOT_HEIGHT, Palette.AXIS, 1, null);
        out.line(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT, Palette.AXIS, 1, null);
        double limitY = axes.y(limit);
        out.line(LEFT, limitY, WIDTH - RIGHT, limitY, Palette.LIMIT, 1, LIMIT_DASH);
        out.text(WIDTH - RIGHT, limitY - 4, Format.count(s.cores(), "core", "cores") + " = " + Format.percent(limit),
                 Canvas.Align.END, 11, false, Palette.LIMIT);

        if (machine != null) series(out, axes, machine, Palette.MACHINE, 1, MACHINE_DASH);
        for (int i = 0; i < rows.size(); i++) series(out, axes, rows.get(i), Palette.colour(i), 1.5, null);
        series(out, axes, s.total(), Palette.TOTAL, 2.5, null);

        int item = 0;
        for (int i = 0; i < rows.size(); i++) legend(out, item++, height, legendRows, Palette.colour(i), label(rows.get(i)));
        legend(out, item++, height, legendRows, Palette.TOTAL, "total");
        if (machine != null) legend(out, item, height, legendRows, Palette.MACHINE, "whole machine");
    }

    static String label(SeriesSnapshot r) {
        return switch (r.kind()) {
            case PROCESS -> r.name() + " (pid " + r.id() + ")";
            case THREAD -> r.name() + " (thread)";
            default -> r.name();
        };
    }

    private static void series(Canvas out, Axes axes, SeriesSnapshot r, String colour, double width, float[] dash) {
        List<Sample> samples = r.samples();
        double[] xy = new double[2 * (samples.size() + 1)];
        xy[0] = axes.x(r.startMillis());
        xy[1] = axes.y(samples.isEmpty() ? 0 : samples.get(0).cpuPercent());
        for (int i = 0; i < samples.size(); i++) {
            xy[2 * i + 2] = axes.x(samples.get(i).millis());
            xy[2 * i + 3] = axes.y(samples.get(i).cpuPercent());
        }
        out.series(xy, colour, width, dash, r.kind().name().toLowerCase(Locale.ROOT), label(r));
    }

    private static void legend(Canvas out, int item, int height, int legendRows, String colour, String text) {
        int column = item / legendRows;
        int row = item % legendRows;
        double x = LEFT + column * ((WIDTH - LEFT - RIGHT) / (double) LEGEND_COLUMNS);
        double y = height - 6 - (legendRows - 1 - row) * LEGEND_ROW;
        out.line(x, y - 4, x + 18, y - 4, colour, 2.5, null);
        // a long name would run into the next legend column
        String shown = text.length() <= LEGEND_CHARS ? text : text.substring(0, LEGEND_CHARS - 1) + "\u2026";
        out.text(x + 24, y, shown, Canvas.Align.START, 11, false, Palette.TEXT);
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
