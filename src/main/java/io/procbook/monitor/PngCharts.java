package io.procbook.monitor;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Draws the summary {@link Chart} as a PNG, where this JVM can. Java2D is loaded on first use only (a kernel
 * that never shows a summary never loads it), in headless mode unless the program chose otherwise, so that no
 * window system is touched. Where fonts are missing Java2D cannot draw text: the chart is then drawn without
 * its labels (the table and the text next to it carry the numbers). Where Java2D does not work at all,
 * {@link #render} answers {@code null} and the summary goes without a PNG; nothing fails.
 *
 * <p>The first drawing loads Java2D and the fonts: about 90 ms of CPU in the kernel's C1-only JVM (200 to 350
 * ms on a busy two-core machine); {@link #warmUpInBackground()} has that done on a thread of its own while
 * the work being monitored runs, so that the cell's end does not wait for it. Later drawings take 10 to 15 ms
 * of CPU for a chart of a few processes, up to 45 ms for many rows and minutes of samples (drawn again
 * smaller to fit the budget). Safe for use by many threads: drawings run one at a time.
 */
final class PngCharts {

    /** What the file may weigh: it is saved in the notebook (as base64, twice: alone and in the HTML). */
    static final int BUDGET_BYTES = 28 * 1024;
    /** Image pixels per CSS pixel, sharpest first: the first that fits the budget is kept. */
    private static final double[] SCALES = {2, 1.5, 1};

    private enum Mode { UNTRIED, WITH_TEXT, WITHOUT_TEXT, UNAVAILABLE }

    /** Written under the class lock (by {@link #render}); read without it to skip a needless warm-up. */
    private static volatile Mode mode = Mode.UNTRIED;
    private static final AtomicBoolean WARMING = new AtomicBoolean();

    private PngCharts() { }

    /** A drawn chart: the PNG file, and the size in CSS pixels to show it at. */
    record Image(byte[] png, int width, int height) { }

    /**
     * @return the chart as a PNG at the sharpest scale whose file fits {@link #BUDGET_BYTES} (at 1x whatever its
     *         size), or {@code null} if Java2D cannot draw here
     */
    static synchronized Image render(MonitorSnapshot s) {
        if (mode == Mode.UNAVAILABLE) return null;
        if (mode == Mode.UNTRIED) useHeadlessUnlessChosen();
        byte[] png = null;
        for (double scale : SCALES) {
            png = draw(s, scale);
            if (png == null || png.length <= BUDGET_BYTES) break;
        }
        return png == null ? null : new Image(png, Chart.WIDTH, Chart.height(s));
    }

    /**
     * Loads Java2D and the fonts on a daemon thread, once per JVM, by drawing a small chart nobody sees. The
     * thread belongs to no cell (it inherits no thread-locals) and ends when done.
     */
    static void warmUpInBackground() {
        // no class lock here: the sampler calls this, and must not wait while a chart is drawn
        if (mode != Mode.UNTRIED || !WARMING.compareAndSet(false, true)) return;
        Thread t = new Thread(null, () -> render(Warmup.SNAPSHOT), "procbook-chart-warmup", 0, false);
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Draws once at {@code scale}, without text if text fails; {@code null} if nothing can be drawn. */
    private static byte[] draw(MonitorSnapshot s, double scale) {
        if (mode != Mode.WITHOUT_TEXT) {
            try {
                byte[] png = drawOnce(s, scale, true);
                mode = Mode.WITH_TEXT;
                return png;
            } catch (Throwable t) { // fonts: an Error as often as an exception (InternalError, LinkageError)
                rethrowIfFatal(t);
            }
        }
        try {
            byte[] png = drawOnce(s, scale, false);
            mode = Mode.WITHOUT_TEXT;
            return png;
        } catch (Throwable t) { // no Java2D here (a JRE without its native part), or no headless support
            rethrowIfFatal(t);
            mode = Mode.UNAVAILABLE;
            return null;
        }
    }

    private static byte[] drawOnce(MonitorSnapshot s, double scale, boolean withText) {
        PngCanvas canvas = new PngCanvas(scale, withText);
        Chart.draw(s, canvas);
        return canvas.png();
    }

    private static void rethrowIfFatal(Throwable t) {
        if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) throw (Error) t;
    }

    /** Headless: drawing into an image needs no display, and must not open one (a dock icon on macOS). */
    private static void useHeadlessUnlessChosen() {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** A small chart to draw once: it loads every class and font a real one needs. */
    private static final class Warmup {
        static final MonitorSnapshot SNAPSHOT = snapshot();

        private static MonitorSnapshot snapshot() {
            java.util.List<Sample> samples = java.util.List.of(new Sample(250, 50, 125_000_000, -1),
                                                               new Sample(500, 100, 375_000_000, -1));
            SeriesSnapshot row = new SeriesSnapshot(SeriesSnapshot.Kind.PROCESS, "warm-up", 1, "exited(0)", false,
                                                    0, 500, samples);
            SeriesSnapshot total = new SeriesSnapshot(SeriesSnapshot.Kind.TOTAL, "total", 0, "finished", false, 0,
                                                      500, samples);
            return new MonitorSnapshot("warm-up", 2, 0, 500, false, java.util.List.of(row), total, null);
        }
    }
}
