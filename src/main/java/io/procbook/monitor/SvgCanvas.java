package io.procbook.monitor;

/** A {@link Canvas} that writes plain static SVG: no script, no style sheet, every text escaped. */
final class SvgCanvas implements Canvas {

    private final StringBuilder out = new StringBuilder(8192);

    @Override
    public void begin(int width, int height, String background) {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
            .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
            .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        out.append("<rect x=\"0\" y=\"0\" width=\"").append(width).append("\" height=\"").append(height)
            .append("\" fill=\"").append(background).append("\"/>");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String colour, double width, float[] dash) {
        out.append("<line x1=\"");
        Format.decimal(out, x1).append("\" y1=\"");
        Format.decimal(out, y1).append("\" x2=\"");
        Format.decimal(out, x2).append("\" y2=\"");
        Format.decimal(out, y2).append('"');
        stroke(colour, width, dash);
        out.append("/>");
    }

    @Override
    public void series(double[] xy, String colour, double width, float[] dash, String kind, String label) {
        out.append("<polyline class=\"series\" data-kind=\"").append(Escape.markup(kind)).append("\" fill=\"none\"");
        stroke(colour, width, dash);
        out.append(" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i + 1 < xy.length; i += 2) {
            Format.decimal(out, xy[i]).append(',');
            Format.decimal(out, xy[i + 1]).append(' ');
        }
        out.append("\"><title>").append(Escape.markup(label)).append("</title></polyline>");
    }

    @Override
    public void text(double x, double y, String text, Align align, int size, boolean bold, String colour) {
        out.append("<text x=\"");
        Format.decimal(out, x).append("\" y=\"");
        Format.decimal(out, y).append('"');
        if (align != Align.START) out.append(" text-anchor=\"").append(align == Align.MIDDLE ? "middle" : "end").append('"');
        if (size != 11) out.append(" font-size=\"").append(size).append('"');
        if (bold) out.append(" font-weight=\"bold\"");
        out.append(" fill=\"").append(colour).append("\">").append(Escape.markup(text)).append("</text>");
    }

    private void stroke(String colour, double width, float[] dash) {
        out.append(" stroke=\"").append(colour).append("\" stroke-width=\"").append(width).append('"');
        if (dash == null) return;
        out.append(" stroke-dasharray=\"");
        for (int i = 0; i < dash.length; i++) out.append(i == 0 ? "" : " ").append(Math.round(dash[i]));
        out.append('"');
    }

    /** @return the document */
    String svg() { return out + "</svg>"; }
}
