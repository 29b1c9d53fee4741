package io.procbook.monitor;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds what a {@link MonitorView} shows: the mime bundle ({@code display_data} "data": mime type to content)
 * and its metadata.
 *
 * <p>The live table is light: text and HTML (with inline SVG sparklines, which a sanitizer drops without a
 * trace: they hold no text). The final summary is saved in the notebook, so it must read well wherever that
 * is opened, trusted or not: the chart is a PNG, shown by the HTML as an {@code <img>} with a data URI (which
 * the sanitizers of JupyterLab, Notebook 7 and Notebook 6 keep, where they strip inline {@code <svg>} and
 * {@code <style>} and would leave an SVG's labels as run-on text) and given alone as {@code image/png} for
 * front ends and converters that take images. Below the chart, a plain table. Where no PNG can be drawn, the
 * HTML shows the SVG chart as an image instead. Work that did almost nothing gets one line and no chart.
 */
final class MonitorBundles {

    static final String TEXT = "text/plain";
    static final String HTML = "text/html";
    static final String SVG = "image/svg+xml";
    static final String PNG = "image/png";
    /** How every summary's text starts, and no live display's. */
    static final String SUMMARY_PREFIX = "procbook monitor \u00b7 finished";
    /**
     * Less CPU than this in total gets a one-line summary and no chart: a chart of it would be flat lines along
     * its zero axis whatever the wall time (0.2 s spread over the shortest, one-second chart averages 20 % of
     * one core; over ten seconds, 2 %).
     */
    static final long CHART_MIN_CPU_NANOS = 200_000_000L;

    /** A display's content, as display_data carries it. */
    record Display(Map<String, Object> data, Map<String, Object> metadata) { }

    private MonitorBundles() { }

    static Display live(LiveModel m) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(TEXT, TextRenderer.live(m));
        data.put(HTML, HtmlRenderer.live(m));
        return new Display(Collections.unmodifiableMap(data), Map.of());
    }

    static Display summary(MonitorSnapshot s) {
        return summary(s, PngCharts::render);
    }

    /** @param charts draws the chart as PNG, or answers {@code null} where it cannot */
    static Display summary(MonitorSnapshot s, Function<MonitorSnapshot, PngCharts.Image> charts) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (s.totalCpuNanos() < CHART_MIN_CPU_NANOS) {
            String line = Headlines.brief(s);
            data.put(TEXT, line);
            data.put(HTML, HtmlRenderer.brief(line));
            return new Display(Collections.unmodifiableMap(data), Map.of());
        }
        data.put(TEXT, TextRenderer.summary(s));
        PngCharts.Image png = charts.apply(s);
        if (png != null) {
            String base64 = Base64.getEncoder().encodeToString(png.png());
            data.put(HTML, HtmlRenderer.summary(s, HtmlRenderer.image(PNG, base64, png.width(), png.height())));
            data.put(PNG, base64);
            return new Display(Collections.unmodifiableMap(data),
                               Map.of(PNG, Map.of("width", png.width(), "height", png.height())));
        }
        String svg = Chart.svg(s);
        String base64 = Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
        data.put(HTML, HtmlRenderer.summary(s, HtmlRenderer.image(SVG, base64, Chart.WIDTH, Chart.height(s))));
        data.put(SVG, svg);
        return new Display(Collections.unmodifiableMap(data), Map.of());
    }

    /** @return whether {@code data} is a summary (the chart or the one line), not the live table */
    static boolean isSummary(Map<String, Object> data) {
        return String.valueOf(data.get(TEXT)).startsWith(SUMMARY_PREFIX);
    }
}
