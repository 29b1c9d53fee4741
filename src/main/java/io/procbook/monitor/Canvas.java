package io.procbook.monitor;

/**
 * Where {@link Chart} draws: an SVG document ({@link SvgCanvas}) or a raster image ({@link PngCanvas}), so
 * that both show the same picture from one layout. Coordinates are CSS pixels, y pointing down; colours are
 * {@code #rrggbb}; a dash pattern is dash and gap lengths, or {@code null} for a solid line.
 */
interface Canvas {

    /** Which end of a text its x coordinate gives. */
    enum Align { START, MIDDLE, END }

    /** Starts the picture: {@code width} by {@code height}, filled with {@code background}. Called first, once. */
    void begin(int width, int height, String background);

    void line(double x1, double y1, double x2, double y2, String colour, double width, float[] dash);

    /**
     * A data series.
     *
     * @param xy    x0, y0, x1, y1, ...
     * @param kind  what it shows (a process, a thread, the total), for readers of the SVG
     * @param label its name, shown as a tooltip where the format has them
     */
    void series(double[] xy, String colour, double width, float[] dash, String kind, String label);

    /** One line of text whose baseline is at {@code y}. */
    void text(double x, double y, String text, Align align, int size, boolean bold, String colour);
}
