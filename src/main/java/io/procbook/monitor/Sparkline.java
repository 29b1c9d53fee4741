package io.procbook.monitor;

import java.util.List;

/** A small inline CPU history: an SVG polyline for HTML, block characters for text. */
final class Sparkline {

    static final int SLOTS = 40;
    private static final int WIDTH = 120;
    private static final int HEIGHT = 20;
    private static final String BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";

    private Sparkline() { }

    /**
     * @return an inline SVG of the newest {@link #SLOTS} samples, right-aligned, 0 to at least 100 %. Slots
     *         before the first sample count as 0 %, so an idle row draws the same picture at every tick and
     *         causes no display update.
     */
    static String svg(List<Sample> samples, String colour) {
        List<Sample> window = samples.subList(Math.max(0, samples.size() - SLOTS), samples.size());
        double top = scale(window);
        double slot = (double) WIDTH / (SLOTS - 1);
        StringBuilder points = new StringBuilder(SLOTS * 12);
        int padding = SLOTS - window.size();
        for (int i = 0; i < SLOTS; i++) {
            double percent = i < padding ? 0 : window.get(i - padding).cpuPercent();
            Format.decimal(points, i * slot).append(',');
            Format.decimal(points, HEIGHT - 1 - percent / top * (HEIGHT - 2)).append(' ');
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + HEIGHT
            + "\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" style=\"vertical-align:middle\">"
            + "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"1.5\" points=\""
            + points.toString().trim() + "\"/></svg>";
    }

    /** @return the newest {@code width} samples as block characters */
    static String text(List<Sample> samples, int width) {
        List<Sample> window = samples.subList(Math.max(0, samples.size() - width), samples.size());
        double top = scale(window);
        StringBuilder out = new StringBuilder(window.size());
        for (Sample s : window) {
            int level = (int) Math.round(s.cpuPercent() / top * (BLOCKS.length() - 1));
            out.append(BLOCKS.charAt(Math.max(0, Math.min(BLOCKS.length() - 1, level))));
        }
        return out.toString();
    }

    // a process with several busy threads goes above 100 %: scale to it rather than clipping
    private static double scale(List<Sample> window) {
        double top = 100;
        for (Sample s : window) top = Math.max(top, s.cpuPercent());
        return top;
    }
}
