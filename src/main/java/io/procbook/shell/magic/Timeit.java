package io.procbook.shell.magic;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The timing loop of {@code %timeit}. Public because the magic compiles the timed code into a lambda in the
 * user's JShell session and calls these methods from there: the loop then runs on the cell's own thread, so
 * an interrupt stops it like any cell, and the code sees the notebook's variables and methods.
 */
public final class Timeit {

    /** The timed code. */
    @FunctionalInterface
    public interface Body {
        /** Runs the timed code once. */
        void run() throws Throwable;
    }

    private static final AtomicReference<Body> PREPARED = new AtomicReference<>();
    // Written on every timed evaluation so the JIT cannot drop an expression whose value is unused.
    @SuppressWarnings("unused")
    private static volatile Object sink;

    private Timeit() { }

    /**
     * Keeps the code to time; the magic calls {@link #measure} next.
     *
     * @param body the timed code
     */
    public static void prepare(Body body) {
        PREPARED.set(body);
    }

    /**
     * Swallows an expression's value (used when the timed code is an expression, not a statement).
     *
     * @param value the value
     */
    public static void consume(Object value) {
        sink = value;
    }

    /**
     * Times the prepared code and prints IPython's line, e.g.
     * {@code 1.23 ms ± 45.6 µs per loop (mean ± std. dev. of 7 runs, 1000 loops each)}.
     *
     * @param loops   loops per run, or 0 to choose: the first of 1, 10, 100... whose run takes 0.2 s or more
     * @param repeats runs
     * @param quiet   {@code true} to print nothing
     * @return the mean time per loop in seconds
     * @throws Throwable whatever the timed code throws
     */
    public static double measure(long loops, int repeats, boolean quiet) throws Throwable {
        Body body = PREPARED.getAndSet(null);
        if (body == null) throw new IllegalStateException("nothing prepared to time");
        long n = loops;
        if (n <= 0) {
            for (n = 1; ; n *= 10) {
                if (run(body, n) >= 0.2 || n >= 10_000_000_000L) break;
            }
        }
        double[] perLoop = new double[repeats];
        for (int i = 0; i < repeats; i++) perLoop[i] = run(body, n) / n;
        double mean = 0;
        for (double t : perLoop) mean += t;
        mean /= repeats;
        double var = 0;
        for (double t : perLoop) var += (t - mean) * (t - mean);
        double std = Math.sqrt(var / repeats);
        if (!quiet) {
            String runs = repeats == 1 ? "mean of 1 run" : "mean \u00b1 std. dev. of " + repeats + " runs";
            System.out.println(String.format(Locale.ROOT, "%s \u00b1 %s per loop (%s, %,d loop%s each)",
                    TimeFormat.seconds(mean), TimeFormat.seconds(std), runs, n, n == 1 ? "" : "s"));
        }
        return mean;
    }

    private static double run(Body body, long n) throws Throwable {
        long t0 = System.nanoTime();
        for (long i = 0; i < n; i++) body.run();
        return (System.nanoTime() - t0) / 1e9;
    }
}
