package io.procbook.monitor;

/**
 * A small inline CPU history. {@link #levels} reduces the newest samples to what can be seen (one height per
 * slot, right-aligned, slots before the first sample at 0); {@link #svg} and {@link #text} draw those levels.
 */
final class Sparkline {

    static final int SLOTS = 40;
    private static final int SLOT_WIDTH = 3;
    private static final int WIDTH = (SLOTS - 1) * SLOT_WIDTH;
    private static final int LEVELS = 18;
    private static final int HEIGHT = LEVELS + 2;
    private static final String BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
    private static final int TEXT_SLOTS = 20;

    private Sparkline() { }

    /**
     * @return one char per slot whose value is the height 0..{@value #LEVELS} of the newest intervals, scaled 0 to
     *         at least 100 % (a process with several busy threads goes higher: scaled to its peak, not clipped)
     */
    static String levels(Series series) {
        int shown = Math.min(SLOTS, series.intervals());
        double top = 100;
        for (int back = 0; back < shown; back++) top = Math.max(top, series.percent(back));
        char[] out = new char[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            int back = SLOTS - 1 - i;
            double percent = back < shown ? series.percent(back) : 0;
            out[i] = (char) Math.round(Math.max(0, percent) / top * LEVELS);
        }
        return new String(out);
    }

    static String svg(String levels, String colour) {
        StringBuilder out = new StringBuilder(160 + SLOTS * 8)
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
            .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
            .append("\" style=\"vertical-align:middle\"><polyline fill=\"none\" stroke=\"").append(colour)
            .append("\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < levels.length(); i++) {
            if (i > 0) out.append(' ');
            out.append(i * SLOT_WIDTH).append(',').append(HEIGHT - 1 - levels.charAt(i));
        }
        return out.append("\"/></svg>").toString();
    }

    /** @return the newest slots as block characters */
    static String text(String levels) {
        StringBuilder out = new StringBuilder(TEXT_SLOTS);
        for (int i = Math.max(0, levels.length() - TEXT_SLOTS); i < levels.length(); i++) {
            out.append(BLOCKS.charAt(levels.charAt(i) * (BLOCKS.length() - 1) / LEVELS));
        }
        return out.toString();
    }
}
