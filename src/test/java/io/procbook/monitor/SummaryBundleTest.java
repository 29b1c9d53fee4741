package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The final summary as saved in a notebook: a PNG chart, an HTML form that keeps reading well when a front end
 * sanitizes it, one line for work that did almost nothing. Built from made-up snapshots, so exact.
 */
class SummaryBundleTest {

    private static final Pattern IMG_SRC = Pattern.compile("<img src=\"data:([^;]+);base64,([^\"]+)\"");

    /** {@code processes} processes, each at {@code percent} for {@code seconds}, read every 250 ms. */
    static MonitorSnapshot snapshot(int processes, double percent, double seconds, String name) {
        int n = (int) Math.round(seconds * 4);
        long end = n * 250L;
        List<SeriesSnapshot> rows = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            rows.add(series(SeriesSnapshot.Kind.PROCESS, name + "-" + (p + 1), 1000 + p, "exited(0)", end, n,
                            percent + p));
        }
        SeriesSnapshot total = series(SeriesSnapshot.Kind.TOTAL, "total", 0, "finished", end, n,
                                      rows.stream().mapToDouble(r -> r.samples().get(0).cpuPercent()).sum());
        return new MonitorSnapshot("test", 2, 0, end, false, rows, total, null);
    }

    private static SeriesSnapshot series(SeriesSnapshot.Kind kind, String name, long id, String state, long end, int n,
                                         double percent) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 1; i <= n; i++) samples.add(new Sample(i * 250L, percent, (long) (percent * 1e4 * 250 * i), 50 << 20));
        return new SeriesSnapshot(kind, name, id, state, false, 0, end, samples);
    }

    @Test
    void aChartIsAPngShownByTheHtmlAsAnImageWithATableBelow() throws Exception {
        MonitorSnapshot s = snapshot(2, 95, 3, "Process");
        MonitorBundles.Display d = MonitorBundles.summary(s);
        Map<String, Object> data = d.data();
        assertEquals(List.of(MonitorBundles.TEXT, MonitorBundles.HTML, MonitorBundles.PNG), List.copyOf(data.keySet()));
        String html = String.valueOf(data.get(MonitorBundles.HTML));
        Matcher img = IMG_SRC.matcher(html);
        assertTrue(img.find(), html);
        assertEquals("image/png", img.group(1));
        assertEquals(data.get(MonitorBundles.PNG), img.group(2), "the HTML shows the same PNG");
        byte[] png = Base64.getDecoder().decode(img.group(2));
        assertTrue(png.length <= PngCharts.BUDGET_BYTES, png.length + " bytes");
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
        int height = Chart.height(s);
        assertEquals(2 * Chart.WIDTH, picture.getWidth(), "drawn at twice the size it is shown at");
        assertEquals(2 * height, picture.getHeight());
        assertEquals(Map.of(MonitorBundles.PNG, Map.of("width", Chart.WIDTH, "height", height)), d.metadata());
        assertTrue(html.contains("width=\"" + Chart.WIDTH + "\" height=\"" + height + "\""), "shown at its size");
        assertTrue(html.contains("<table") && html.contains("Process-1") && html.contains("Process-2"), html);
        assertTrue(String.valueOf(data.get(MonitorBundles.TEXT)).startsWith(MonitorBundles.SUMMARY_PREFIX + " \u00b7 wall 3.0 s"));
    }

    @Test
    void theHtmlHoldsNothingASanitizerStripsIntoRunOnText() {
        String html = String.valueOf(MonitorBundles.summary(snapshot(2, 95, 3, "Process")).data().get(MonitorBundles.HTML));
        // JupyterLab's sanitizer drops <svg> and <style> but keeps their text; scripts and classes go too
        for (String stripped : List.of("<svg", "<style", "<script", "<text", "class=\"")) {
            assertFalse(html.contains(stripped), stripped + " in " + html);
        }
        assertFalse(html.contains("color:#"), "the text takes the theme's colour, so that it reads on a dark theme");
    }

    @Test
    void whereNoPngCanBeDrawnTheHtmlShowsTheSvgChartAsAnImage() throws Exception {
        MonitorSnapshot s = snapshot(2, 95, 3, "Process");
        MonitorBundles.Display d = MonitorBundles.summary(s, x -> null);
        assertEquals(List.of(MonitorBundles.TEXT, MonitorBundles.HTML, MonitorBundles.SVG), List.copyOf(d.data().keySet()));
        Matcher img = IMG_SRC.matcher(String.valueOf(d.data().get(MonitorBundles.HTML)));
        assertTrue(img.find());
        assertEquals("image/svg+xml", img.group(1));
        String svg = new String(Base64.getDecoder().decode(img.group(2)), StandardCharsets.UTF_8);
        assertEquals(d.data().get(MonitorBundles.SVG), svg);
        assertEquals(Map.of(), d.metadata());
    }

    @Test
    void workThatDidAlmostNothingGetsOneShortLineAndNoChart() {
        MonitorSnapshot idle = snapshot(3, 0.2, 5, "Pool-1-Worker"); // 0.18 s of CPU in all
        List<SeriesSnapshot> rows = new ArrayList<>(idle.rows());
        SeriesSnapshot last = rows.remove(2);
        rows.add(new SeriesSnapshot(last.kind(), last.name(), last.id(), "killed(SIGTERM)", false, last.startMillis(),
                                    last.endMillis(), last.samples()));
        MonitorSnapshot s = new MonitorSnapshot("t", 2, 0, idle.nowMillis(), false, rows, idle.total(), null);
        assertTrue(s.totalCpuNanos() < MonitorBundles.CHART_MIN_CPU_NANOS);
        MonitorBundles.Display d = MonitorBundles.summary(s, x -> {
            throw new AssertionError("no chart is drawn");
        });
        assertEquals(List.of(MonitorBundles.TEXT, MonitorBundles.HTML), List.copyOf(d.data().keySet()));
        String text = String.valueOf(d.data().get(MonitorBundles.TEXT));
        assertEquals(MonitorBundles.SUMMARY_PREFIX + " \u00b7 3 processes: 2 exited(0), 1 killed(SIGTERM) \u00b7 wall 5.0 s"
                     + ", CPU 0.2 s", text);
        assertTrue(text.length() <= 100, text);
        String html = String.valueOf(d.data().get(MonitorBundles.HTML));
        assertTrue(html.contains(Escape.markup(text)) && !html.contains("<table") && !html.contains("<img"), html);
    }

    @Test
    void theChartHasOneSeriesPerProcessAndTheTotal() throws Exception {
        Document svg = parse(Chart.svg(snapshot(3, 60, 2, "Worker")));
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        NodeList lines = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        int processes = 0;
        int totals = 0;
        for (int i = 0; i < lines.getLength(); i++) {
            Element line = (Element) lines.item(i);
            String kind = line.getAttribute("data-kind");
            if (kind.equals("process")) processes++;
            if (kind.equals("total")) totals++;
            assertFalse(line.getAttribute("points").isBlank(), "series " + kind + " has points");
        }
        assertEquals(3, processes);
        assertEquals(1, totals);
    }

    @Test
    void namesAreEscapedInTheChartAndTheTable() throws Exception {
        String evil = "<img src=x onerror=alert(1)>&\"'";
        MonitorSnapshot s = snapshot(1, 95, 3, evil);
        Document svg = parse(Chart.svg(s));
        assertTrue(svg.getDocumentElement().getTextContent().contains(evil + "-1"), "the name survives as text");
        String html = String.valueOf(MonitorBundles.summary(s).data().get(MonitorBundles.HTML));
        assertFalse(html.contains("<img src=x"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;-1"), html);
    }

    @Test
    void withoutFontsTheChartIsDrawnWithoutText() throws Exception {
        MonitorSnapshot s = snapshot(2, 95, 3, "Process");
        PngCanvas plain = new PngCanvas(1, false);
        Chart.draw(s, plain);
        PngCanvas labelled = new PngCanvas(1, true);
        Chart.draw(s, labelled);
        BufferedImage without = ImageIO.read(new ByteArrayInputStream(plain.png()));
        BufferedImage with = ImageIO.read(new ByteArrayInputStream(labelled.png()));
        assertEquals(Chart.WIDTH, without.getWidth());
        // the title's row: text where the labelled chart has it, background only where there are no fonts
        assertTrue(inked(with, 8, 20) > 50, "the labelled chart has its title");
        assertEquals(0, inked(without, 8, 20), "nothing where the title would be");
    }

    /** Pixels that are not white in rows {@code from} to {@code to} (1x). */
    private static int inked(BufferedImage image, int from, int to) {
        int n = 0;
        for (int y = from; y < to; y++) {
            for (int x = 0; x < image.getWidth(); x++) if ((image.getRGB(x, y) & 0xffffff) != 0xffffff) n++;
        }
        return n;
    }

    @Test
    void thePaletteHoldsTheBackgroundAndEveryInkAtEachStrength() {
        int[] palette = IndexedPng.palette(0xffffff, new int[] {0x000000, 0xff0000});
        assertEquals(1 + 2 * IndexedPng.LEVELS, palette.length);
        assertEquals(0xffffff, palette[0]);
        assertEquals(0x000000, palette[IndexedPng.LEVELS], "the ink itself");
        assertEquals(0xff0000, palette[2 * IndexedPng.LEVELS]);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                          java.util.Arrays.copyOf(IndexedPng.encode(new int[] {0xffffff, 0}, 2, 0xffffff,
                                                                    new int[] {0}), 4));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
