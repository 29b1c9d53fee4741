package io.procbook.mp.internal.child;

import io.procbook.mp.internal.ControlProtocol;
import io.procbook.mp.internal.OutputRoute;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A child's System.out or System.err once it is connected: text goes to the parent as {@link ControlProtocol#OUTPUT}
 * messages on the control connection, not through the stdout/stderr pipes, tagged with the writing thread's
 * {@link OutputRoute}.
 *
 * <p>Why the control connection: it is the one channel results travel on, so whatever a task printed before it
 * returned reaches the parent before its result does ({@link #flushAll()} runs before every message the child
 * sends), and the parent hands it to the notebook before it hands the result to anyone. Two pipes beside a
 * socket give no such order: a callback could print before the lines of the task it follows.
 *
 * <p>Buffered, and sent at most {@value #DELAY_MS} ms after the first unsent write, or when the buffer fills: the
 * JDK's System.out would make a system call per println, and a child printing a million short lines would
 * make a million messages. Output buffered when the child is killed with SIGKILL is lost, as in Python.
 * The file descriptors 1 and 2 stay pipes to the parent for what bypasses System.out (native code, the JVM's
 * own warnings, a command started with inherited output).
 *
 * <p>Message body: the stream (0 stdout, 1 stderr), then segments of {@code int route, int length, bytes}.
 * One write call's bytes are never split between messages.
 */
public final class RoutedOutput extends OutputStream {

    /** Sends one message to the parent. */
    @FunctionalInterface
    public interface Sender {
        /** @throws IOException if the connection is broken */
        void send(byte type, byte[] payload) throws IOException;
    }

    static final long DELAY_MS = 20;
    private static final int CAPACITY = 1 << 16;
    private static final int MAX_SEGMENTS = 64;

    private static RoutedOutput out;
    private static RoutedOutput err;
    private static final java.util.concurrent.atomic.AtomicLong PRINTED = new java.util.concurrent.atomic.AtomicLong();

    private final byte stream;
    private final Sender sender;
    private final byte[] buf = new byte[CAPACITY];
    private int count;
    private final int[] segmentRoute = new int[MAX_SEGMENTS];
    private final int[] segmentEnd = new int[MAX_SEGMENTS];
    private int segments;
    private boolean dirty;

    /**
     * @param stderr whether this is standard error
     * @param sender where messages go
     */
    public RoutedOutput(boolean stderr, Sender sender) {
        this.stream = (byte) (stderr ? 1 : 0);
        this.sender = sender;
    }

    /**
     * Makes System.out and System.err send to the parent through {@code sender}, each with its flusher thread.
     * Called once the connection exists, before any user code runs.
     */
    static void install(Sender sender) {
        out = new RoutedOutput(false, sender);
        err = new RoutedOutput(true, sender);
        System.setOut(new PrintStream(out, false, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, false, StandardCharsets.UTF_8));
        out.startFlusher("procbook-stdout-flusher");
        err.startFlusher("procbook-stderr-flusher");
    }

    /**
     * Sends what System.out and System.err hold now, whatever user code made of System.out meanwhile (the
     * installed streams are flushed either way). Called before every message the child sends its parent.
     */
    static void flushAll() {
        System.out.flush();
        System.err.flush();
        flushQuietly(out);
        flushQuietly(err);
    }

    /**
     * Sends what is buffered, then closes file descriptors 1 and 2, so that the parent's pipe readers see the
     * end of the child's output now rather than at the end of the JVM's teardown.
     */
    static void flushAndCloseAll() {
        flushAll();
        for (FileDescriptor fd : new FileDescriptor[] {FileDescriptor.out, FileDescriptor.err}) {
            try {
                new FileOutputStream(fd).close();
            } catch (IOException ignored) {
                // the parent stopped reading: nothing left to deliver it
            }
        }
    }

    private static void flushQuietly(RoutedOutput s) {
        if (s == null) return;
        try {
            s.flush();
        } catch (IOException ignored) {
            // the parent is gone; the connection's reader halts this JVM
        }
    }

    private void startFlusher(String name) {
        Thread t = new Thread(this::flushLoop, name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** @return how many bytes were written to the installed System.out and System.err so far */
    static long printed() {
        return PRINTED.get();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (len <= 0) return;
        PRINTED.addAndGet(len);
        int route = OutputRoute.current();
        boolean newSegment = segments == 0 || segmentRoute[segments - 1] != route;
        if (count + len > CAPACITY || (newSegment && segments == MAX_SEGMENTS)) flush();
        if (len > CAPACITY) { // too big to buffer: one message of its own
            sender.send(ControlProtocol.OUTPUT, message(new int[] {route}, new int[] {len}, 1, b, off, len));
            return;
        }
        if (segments == 0 || segmentRoute[segments - 1] != route) {
            segmentRoute[segments] = route;
            segments++;
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
        segmentEnd[segments - 1] = count;
        if (!dirty) {
            dirty = true;
            notifyAll();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        dirty = false;
        if (count == 0) return;
        byte[] m = message(segmentRoute, segmentEnd, segments, buf, 0, count);
        count = 0;
        segments = 0;
        sender.send(ControlProtocol.OUTPUT, m);
    }

    /** The message body for {@code n} segments of {@code bytes}, ending at the given offsets. */
    private byte[] message(int[] routes, int[] ends, int n, byte[] bytes, int off, int len) {
        ByteBuffer m = ByteBuffer.allocate(1 + 8 * n + len).put(stream);
        int from = 0;
        for (int i = 0; i < n; i++) {
            m.putInt(routes[i]).putInt(ends[i] - from).put(bytes, off + from, ends[i] - from);
            from = ends[i];
        }
        return m.array();
    }

    private void flushLoop() {
        try {
            while (true) {
                synchronized (this) {
                    while (!dirty) wait();
                }
                Thread.sleep(DELAY_MS);
                flush();
            }
        } catch (InterruptedException | IOException e) {
            // the connection broke (the child is going away) or the JVM is going down
        }
    }
}
