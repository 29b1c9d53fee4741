package io.procbook.shell;

import io.procbook.mp.spi.ProgressState;

/**
 * The text/html form of a progress bar. Made to survive sanitizers: JupyterLab shows an untrusted notebook's
 * HTML through one that drops {@code <style>} and {@code <script>} but keeps {@code <div>}, {@code <span>} and
 * inline styles of the properties used here (width in %, height, background-color, border-radius,
 * display:inline-block, vertical-align, font-family, white-space, color); a stricter one that drops every
 * style attribute leaves the words, which say everything the bar draws: "squares 37% 37000/100000 elapsed
 * 3.0 s, ETA 5.1 s, 12.3k items/s".
 */
final class ProgressHtml {

    private static final String RUNNING = "#4e79a7";
    private static final String DONE = "#59a14f";
    private static final String FAILED = "#e15759";
    private static final String BOX = "<div style=\"font-family:monospace;font-size:12px;line-height:1.6;"
            + "white-space:nowrap\">";
    private static final String TRACK = "<span style=\"display:inline-block;width:200px;height:10px;"
            + "vertical-align:middle;background-color:#e0e0e0;border-radius:3px;overflow:hidden\">";

    private ProgressHtml() { }

    static String render(ProgressState s) {
        StringBuilder out = new StringBuilder(640).append(BOX);
        if (!s.description().isEmpty()) out.append("<b>").append(text(s.description())).append("</b> ");
        if (s.total() >= 0) {
            // the items done, then the failed ones in red
            long all = Math.max(1, s.total());
            out.append(TRACK);
            segment(out, s.done(), all, s.phase() == ProgressState.Phase.DONE ? DONE : RUNNING);
            segment(out, s.failed(), all, FAILED);
            out.append("</span> ").append(s.percent()).append(' ');
        }
        out.append(s.counts()).append(' ');
        if (s.isFailure()) {
            out.append("<span style=\"color:").append(FAILED).append(";font-weight:bold\">").append(text(s.details()))
                    .append("</span>");
        } else {
            out.append(text(s.details()));
        }
        return out.append("</div>").toString();
    }

    private static void segment(StringBuilder out, long items, long total, String colour) {
        if (items == 0) return;
        // tenths of a percent: smooth enough, and a plain number the sanitizer's pattern accepts
        long tenths = Math.min(1000, items * 1000 / total);
        out.append("<span style=\"display:inline-block;width:").append(tenths / 10).append('.').append(tenths % 10)
                .append("%;height:10px;vertical-align:top;background-color:").append(colour).append("\"></span>");
    }

    /** Text content: the runtime already made descriptions and failures one line without control characters. */
    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
