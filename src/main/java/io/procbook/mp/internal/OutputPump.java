package io.procbook.mp.internal;

import io.procbook.mp.spi.OutputSink;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Drains one output pipe of a child on its own daemon thread and hands the text on: to an {@link OutputSink}
 * (under the kernel) or to this JVM's current {@code System.out}/{@code System.err}. Reading never waits for
 * the receiver to be chosen, so a child never blocks on a full pipe; text that arrives before
 * {@link #route} (a pre-started JVM's start-up warnings) is kept and delivered once routed. Each read
 * delivers everything available at once (up to 8 K characters), which coalesces a flood of small lines into
 * few calls. The end of the pipe is passed on ({@link OutputSink#end}) before {@link #finished()} completes.
 */
public final class OutputPump {

    private static final int EARLY_LIMIT = 1 << 20;

    private final boolean stderr;
    private final StringBuilder early = new StringBuilder();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private boolean routed;
    private boolean ended;
    private OutputSink sink;

    private final SinkFailures failures;

    private OutputPump(boolean stderr, String threadName) {
        this.stderr = stderr;
        this.failures = new SinkFailures(() -> threadName);
    }

    /** Starts draining {@code in} on a new daemon thread. */
    public static OutputPump start(InputStream in, boolean stderr, String threadName) {
        OutputPump p = new OutputPump(stderr, threadName);
        Thread t = new Thread(() -> p.drain(in), threadName);
        t.setDaemon(true);
        t.start();
        return p;
    }

    /**
     * Chooses where the text goes from now on, delivering what was kept so far.
     *
     * @param target the sink, or {@code null} for this JVM's System.out/System.err
     */
    public synchronized void route(OutputSink target) {
        sink = target;
        routed = true;
        if (early.length() > 0) {
            deliver(early.toString());
            early.setLength(0);
        }
        if (ended) end();
    }

    /** @return the text kept while unrouted (for error messages about a child that died starting up) */
    public synchronized String earlyText() {
        return early.toString();
    }

    /** @return completed when the pipe reaches end of stream */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    private void drain(InputStream in) {
        char[] buf = new char[1 << 16];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) >= 0) {
                // Take whatever else is already waiting too: fewer, larger deliveries when a child floods.
                while (n < buf.length - 8192 && in.available() > 0) {
                    int more = r.read(buf, n, buf.length - n);
                    if (more <= 0) break;
                    n += more;
                }
                if (n == 0) continue;
                String text = new String(buf, 0, n);
                synchronized (this) {
                    if (routed) deliver(text);
                    else if (early.length() < EARLY_LIMIT) early.append(text);
                }
            }
        } catch (IOException closed) {
            // the pipe was closed under us: the child is gone
        } finally {
            synchronized (this) {
                ended = true;
                if (routed) end();
            }
            finished.complete(null);
        }
    }

    private void end() {
        try {
            if (sink != null) sink.end(stderr);
        } catch (RuntimeException e) {
            failures.failed("end", e);
        }
    }

    private void deliver(String text) {
        try {
            if (sink != null) {
                sink.write(stderr, text);
            } else {
                PrintStream ps = stderr ? System.err : System.out;
                ps.print(text);
                ps.flush();
            }
        } catch (RuntimeException e) {
            failures.failed("write", e); // and draining goes on, or the child would block on a full pipe
        }
    }
}
