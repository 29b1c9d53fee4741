package io.procbook.monitor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes a picture drawn in a few colours as an 8-bit palette PNG, less than half the size of a true-colour one:
 * the palette holds the background and each ink blended into it at {@value #LEVELS} strengths (what
 * antialiasing over the background produces), and every pixel takes its nearest entry. The PNG is saved in
 * every notebook, so its size matters more than the last shade of an edge where two lines cross.
 */
final class IndexedPng {

    /**
     * Strengths per ink, the full ink included: at twice the display's resolution seven steps of an edge look
     * smooth, and fewer distinct pixels make a smaller file than fifteen did (by an eighth).
     */
    static final int LEVELS = 7;
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private IndexedPng() { }

    /**
     * @param rgb        the pixels, {@code 0xrrggbb}, row by row
     * @param width      pixels per row
     * @param background the colour most pixels have
     * @param inks       the other colours drawn with; at most {@code 255 / LEVELS}, more are drawn in the nearest
     *                   colour of the palette
     * @return the PNG file
     */
    static byte[] encode(int[] rgb, int width, int background, int[] inks) {
        int height = rgb.length / width;
        int[] palette = palette(background, inks);
        byte[] rows = new byte[(width + 1) * height];
        Nearest nearest = new Nearest(palette);
        for (int y = 0, at = 0, out = 0; y < height; y++) {
            rows[out++] = 0; // filter: none, as the PNG specification advises for palette images
            for (int x = 0; x < width; x++, at++) {
                int c = rgb[at] & 0xffffff;
                rows[out++] = c == background ? 0 : nearest.index(c);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(rows.length / 20 + 1024);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", new byte[] {
            (byte) (width >>> 24), (byte) (width >>> 16), (byte) (width >>> 8), (byte) width,
            (byte) (height >>> 24), (byte) (height >>> 16), (byte) (height >>> 8), (byte) height,
            8, 3, 0, 0, 0 // 8 bits, palette colour, deflate, filter method 0, no interlace
        });
        byte[] plte = new byte[palette.length * 3];
        for (int i = 0; i < palette.length; i++) {
            plte[3 * i] = (byte) (palette[i] >>> 16);
            plte[3 * i + 1] = (byte) (palette[i] >>> 8);
            plte[3 * i + 2] = (byte) palette[i];
        }
        chunk(png, "PLTE", plte);
        chunk(png, "IDAT", deflate(rows));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** The background first, then each ink at strengths 1/LEVELS ... 1 over the background. */
    static int[] palette(int background, int[] inks) {
        int usable = Math.min(inks.length, 255 / LEVELS);
        int[] palette = new int[1 + usable * LEVELS];
        palette[0] = background;
        int n = 1;
        for (int i = 0; i < usable; i++) {
            for (int level = 1; level <= LEVELS; level++) palette[n++] = blend(background, inks[i], level / (double) LEVELS);
        }
        return palette;
    }

    private static int blend(int under, int over, double alpha) {
        int r = (int) Math.round(((under >>> 16) & 0xff) * (1 - alpha) + ((over >>> 16) & 0xff) * alpha);
        int g = (int) Math.round(((under >>> 8) & 0xff) * (1 - alpha) + ((over >>> 8) & 0xff) * alpha);
        int b = (int) Math.round((under & 0xff) * (1 - alpha) + (over & 0xff) * alpha);
        return r << 16 | g << 8 | b;
    }

    private static byte[] deflate(byte[] data) {
        // level 9 takes seven times the CPU of the default level for 7 % less
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 20 + 64);
            byte[] buffer = new byte[16384];
            while (!d.finished()) out.write(buffer, 0, d.deflate(buffer));
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        writeInt(png, data.length);
        png.writeBytes(name);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        writeInt(png, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** Nearest palette entry per colour, remembered: a chart has a few thousand distinct colours at most. */
    private static final class Nearest {
        private final int[] palette;
        private int[] keys = new int[4096];
        private byte[] values = new byte[4096];
        private int size;

        Nearest(int[] palette) {
            this.palette = palette;
            Arrays.fill(keys, -1);
        }

        byte index(int rgb) {
            int mask = keys.length - 1;
            for (int i = mix(rgb) & mask; ; i = (i + 1) & mask) {
                if (keys[i] == rgb) return values[i];
                if (keys[i] == -1) {
                    byte found = search(rgb);
                    keys[i] = rgb;
                    values[i] = found;
                    if (++size * 2 > keys.length) grow();
                    return found;
                }
            }
        }

        private byte search(int rgb) {
            int best = 0;
            long bestDistance = Long.MAX_VALUE;
            for (int i = 0; i < palette.length; i++) {
                long dr = ((rgb >>> 16) & 0xff) - ((palette[i] >>> 16) & 0xff);
                long dg = ((rgb >>> 8) & 0xff) - ((palette[i] >>> 8) & 0xff);
                long db = (rgb & 0xff) - (palette[i] & 0xff);
                long distance = dr * dr + dg * dg + db * db;
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = i;
                }
            }
            return (byte) best;
        }

        private void grow() {
            int[] oldKeys = keys;
            byte[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new byte[oldKeys.length * 2];
            Arrays.fill(keys, -1);
            int mask = keys.length - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] == -1) continue;
                int i = mix(oldKeys[j]) & mask;
                while (keys[i] != -1) i = (i + 1) & mask;
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }

        private static int mix(int v) {
            int h = v * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
