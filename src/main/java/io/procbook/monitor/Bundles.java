package io.procbook.monitor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the mime bundles ({@code display_data} "data": mime type to content) handed to a {@link MonitorView}. */
final class Bundles {

    static final String TEXT = "text/plain";
    static final String HTML = "text/html";
    static final String SVG = "image/svg+xml";

    private Bundles() { }

    static Map<String, Object> live(LiveModel m) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(TEXT, TextRenderer.live(m));
        bundle.put(HTML, HtmlRenderer.live(m));
        return Collections.unmodifiableMap(bundle);
    }

    /** The summary carries the chart twice: inside the HTML, and alone for front ends that prefer images. */
    static Map<String, Object> summary(MonitorSnapshot s) {
        String chart = Chart.svg(s);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(TEXT, TextRenderer.summary(s));
        bundle.put(HTML, HtmlRenderer.summary(s, chart));
        bundle.put(SVG, chart);
        return Collections.unmodifiableMap(bundle);
    }
}
