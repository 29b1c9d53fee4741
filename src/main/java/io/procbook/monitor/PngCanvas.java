package io.procbook.monitor;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A {@link Canvas} drawn with Java2D into an image, {@code scale} image pixels per CSS pixel. Used through
 * {@link PngCharts}, which copes with a Java2D that cannot draw here; not thread-safe.
 */
final class PngCanvas implements Canvas {

    private final double scale;
    private final boolean withText;
    private final Set<Integer> inks = new LinkedHashSet<>();
    private int background;
    private BufferedImage image;
    private Graphics2D g;

    /**
     * @param scale    image pixels per CSS pixel (2 for sharp lines on high-density screens)
     * @param withText whether to draw text: without fonts Java2D cannot, and the picture still shows the lines
     */
    PngCanvas(double scale, boolean withText) {
        this.scale = scale;
        this.withText = withText;
    }

    @Override
    public void begin(int width, int height, String background) {
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale),
                                  BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.scale(scale, scale);
        this.background = rgb(background);
        g.setColor(new Color(this.background));
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, double width, float[] dash) {
        stroke(colour, width, dash);
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void series(double[] xy, String colour, double width, float[] dash, String kind, String label) {
        if (xy.length < 4) return;
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO, xy.length / 2);
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i + 1 < xy.length; i += 2) path.lineTo(xy[i], xy[i + 1]);
        stroke(colour, width, dash);
        g.draw(path);
    }

    @Override
    public void text(double x, double y, String text, Align align, int size, boolean bold, String colour) {
        if (!withText) return;
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
        g.setColor(ink(colour));
        double left = x;
        if (align != Align.START) {
            FontMetrics m = g.getFontMetrics();
            double w = m.getStringBounds(text, g).getWidth();
            left -= align == Align.MIDDLE ? w / 2 : w;
        }
        g.drawString(text, (float) left, (float) y);
    }

    private void stroke(String colour, double width, float[] dash) {
        g.setColor(ink(colour));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, dash, 0));
    }

    private Color ink(String hex) {
        int rgb = rgb(hex);
        if (rgb != background) inks.add(rgb);
        return new Color(rgb);
    }

    private static int rgb(String hex) {
        return Integer.parseInt(hex.substring(1), 16);
    }

    /** @return the picture as a palette PNG (see {@link IndexedPng}); call once, after drawing */
    byte[] png() {
        g.dispose();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        return IndexedPng.encode(pixels, image.getWidth(), background, inks.stream().mapToInt(Integer::intValue).toArray());
    }
}
