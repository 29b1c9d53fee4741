package io.procbook.shell;

import io.procbook.shell.api.CellOutput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One cell's stream text, passed on in whole lines per writer, so that the lines of different writers (each of
 * the cell's threads, each child process's stdout and stderr) never cut into each other: Python's processes get
 * this from their own buffered stdout, here every writer's text meets in one cell.
 *
 * <p>Text up to a writer's last newline goes on at once (no added latency; the {@link CellOutput} coalesces
 * floods). The partial line after it is held back until its newline arrives, until it has waited
 * {@link #holdMillis()} ms (a prompt without a newline still shows), until it reaches {@link #MAX_HELD_CHARS},
 * or until {@link #flush} / {@link #flushAll} (an explicit flush, the end of a child's stream, input, the
 * cell's end). stdout and stderr are separate writers.
 *
 * <p>Safe for use by many threads; each writer (key) must be written by one thread at a time, which holds for
 * a thread writing its own text and for a child's output pump.
 */
final class WholeLines {

    /** The system property that sets how long a partial line waits for its end, in milliseconds. */
    static final String HOLD_PROPERTY = "procbook.partialLineMillis";
    static final long DEFAULT_HOLD_MILLIS = 50;
    /** A partial line this long goes at once: a writer that never ends its line must not grow a buffer forever. */
    static final int MAX_HELD_CHARS = 8192;

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final CellOutput out;
    private final long holdNanos;
    private final Map<Key, Held> held = new ConcurrentHashMap<>();

    /**
     * @param out        where the text goes
     * @param holdMillis how long a partial line waits for its newline
     */
    WholeLines(CellOutput out, long holdMillis) {
        this.out = out;
        this.holdNanos = TimeUnit.MILLISECONDS.toNanos(holdMillis);
    }

    /** @return the hold time set by {@value #HOLD_PROPERTY}, or {@value #DEFAULT_HOLD_MILLIS} ms */
    static long holdMillis() {
        return Math.max(0, Long.getLong(HOLD_PROPERTY, DEFAULT_HOLD_MILLIS));
    }

    /**
     * Passes on the writer's complete lines and holds back its partial last line.
     *
     * @param writer who writes (a thread, a child process): the unit whose lines are kept whole
     * @param stream {@code "stdout"} or {@code "stderr"}
     * @param text   the text
     */
    void write(Object writer, String stream, String text) {
        if (text.isEmpty()) return;
        Key key = new Key(writer, stream);
        String rest = text;
        while (true) {
            Held h = held.get(key);
            if (h == null) {
                int cut = rest.lastIndexOf('\n') + 1;
                if (cut > 0) out.stream(stream, rest.substring(0, cut)); // nothing held before it: it goes at once
                if (cut == rest.length()) return;
                rest = rest.substring(cut);
                Held fresh = new Held(key);
                synchronized (fresh) {
                    if (held.putIfAbsent(key, fresh) != null) continue;
                    fresh.start(rest);
                }
                return;
            }
            synchronized (h) {
                if (h.retired) continue; // let go just now (its timer, a flush): start afresh
                h.append(rest);
                return;
            }
        }
    }

    /** Passes on the writer's held partial line now. */
    void flush(Object writer, String stream) {
        Held h = held.get(new Key(writer, stream));
        if (h != null) h.release();
    }

    /** Passes on the writer's held partial lines of both streams now. */
    void flush(Object writer) {
        flush(writer, "stdout");
        flush(writer, "stderr");
    }

    /** Passes on every writer's held partial line now. */
    void flushAll() {
        for (Held h : held.values()) h.release();
    }

    private record Key(Object writer, String stream) { }

    /**
     * One writer's partial line while it is held: made with its first piece, armed to let it go after the hold
     * time, retired (and forgotten) when it goes.
     */
    private final class Held implements Runnable {
        private final Key key;
        private final StringBuilder tail = new StringBuilder();
        private ScheduledFuture<?> timer;
        boolean retired;

        Held(Key key) {
            this.key = key;
        }

        /** Holds the first piece of a line; called with this object's lock held. */
        void start(String piece) {
            tail.append(piece);
            if (tail.length() >= MAX_HELD_CHARS) release();
            else timer = TIMER.schedule(this, holdNanos, TimeUnit.NANOSECONDS);
        }

        /** Called with this object's lock held and not retired. */
        void append(String text) {
            int cut = text.lastIndexOf('\n') + 1;
            if (cut == 0) {
                tail.append(text);
                if (tail.length() >= MAX_HELD_CHARS) release();
                return;
            }
            String lines = tail.append(text, 0, cut).toString();
            tail.setLength(0);
            out.stream(key.stream(), lines);
            if (cut < text.length()) { // a new partial line: held for the whole hold time again
                timer.cancel(false);
                start(text.substring(cut));
            } else {
                retire();
            }
        }

        /** Lets the held text go now and forgets this writer until its next partial line. */
        synchronized void release() {
            if (retired) return;
            // Sent before this writer is forgotten: its next text, blocked on this lock meanwhile, comes after.
            if (tail.length() > 0) out.stream(key.stream(), tail.toString());
            tail.setLength(0);
            retire();
        }

        private void retire() {
            retired = true;
            if (timer != null) timer.cancel(false);
            held.remove(key, this);
        }

        /** The timer: the line has waited long enough. */
        @Override
        public void run() {
            release();
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        // No inherited thread locals: the timer belongs to no cell, whichever cell's thread starts it first.
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(null, r, "procbook-partial-lines", 0, false);
            thread.setDaemon(true);
            return thread;
        });
        // A let-go line's timer leaves the queue at once, so the thread ends soon after the last held line.
        t.setRemoveOnCancelPolicy(true);
        t.setKeepAliveTime(2, TimeUnit.SECONDS);
        t.allowCoreThreadTimeOut(true);
        return t;
    }
}
