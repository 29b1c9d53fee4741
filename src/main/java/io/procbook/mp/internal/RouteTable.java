package io.procbook.mp.internal;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.OutputRouter;
import io.procbook.mp.spi.OutputSink;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parent's side of a child JVM's {@link OutputRoute}s: route 0 leads to the sink of the context that started
 * the child, and each further context the child works for (a cell submitting tasks to a pool made in an earlier
 * cell) gets a number of its own and a sink chosen inside that context. The child tags what it prints with the
 * route of the thread that printed it ({@link ControlProtocol#OUTPUT}); this table decodes it and hands it to that
 * route's sink.
 *
 * <p>{@link #deliver}, {@link #flushWritten} and {@link #end} run on the child's link reader thread only, so each
 * sink is written by one thread at a time; {@link #routeFor} may run on any thread.
 */
final class RouteTable {

    private final ChildProcess child;
    private final SinkFailures failures;
    /** Contexts by identity to their route number; guarded by {@code this}. */
    private final Map<Object, Integer> numbers = new IdentityHashMap<>();
    /** Indexed by route number; guarded by {@code this}. */
    private final List<Route> routes = new ArrayList<>();
    /** Reader thread only: routes written since the last {@link #flushWritten}. */
    private final List<Route> written = new ArrayList<>();
    private boolean ended;

    RouteTable(ChildProcess child) {
        this.child = child;
        this.failures = new SinkFailures(() -> child.name() + " (pid " + child.pid() + ")");
    }

    /**
     * Opens route 0 for the calling thread's context, which started the child: its sink comes from the host's
     * router as the caller sees it.
     */
    void openOwn() {
        OutputRouter router = Hooks.outputRouter();
        Route own = new Route(router == null ? null : router.sinkFor(child), failures);
        Object context = Hooks.currentContext();
        synchronized (this) {
            if (routes.isEmpty()) routes.add(own);
            else routes.set(OutputRoute.OWN, own);
            if (context != null) numbers.put(context, OutputRoute.OWN);
        }
    }

    /**
     * Returns the route for work submitted in {@code context}, opening it on first use: the host's router picks
     * its sink and the listeners hear that the child works for that context, both inside the context.
     *
     * @param context a context from {@link Hooks#currentContext()}, or {@code null}
     * @return the route number to send with that work
     */
    int routeFor(Object context) {
        if (context == null) return OutputRoute.OWN;
        synchronized (this) {
            Integer n = numbers.get(context);
            if (n != null) return n;
        }
        OutputSink[] sink = new OutputSink[1];
        Hooks.runIn(context, () -> {
            OutputRouter router = Hooks.outputRouter();
            sink[0] = router == null ? null : router.sinkFor(child);
        });
        int n;
        synchronized (this) {
            Integer raced = numbers.get(context);
            if (raced != null) return raced; // another thread opened it meanwhile; this sink was never written
            n = routes.size();
            routes.add(new Route(sink[0], failures));
            numbers.put(context, n);
        }
        Hooks.runIn(context, () -> Listeners.working(child));
        return n;
    }

    /** Hands a {@link ControlProtocol#OUTPUT} message's text to the sinks of its routes. */
    void deliver(byte[] message) {
        ByteBuffer in = ByteBuffer.wrap(message);
        boolean stderr = in.get() == 1;
        while (in.remaining() >= 8) {
            int number = in.getInt();
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) return; // a corrupt message cannot come from our child
            Route r = route(number);
            ByteBuffer bytes = in.slice(in.position(), length);
            in.position(in.position() + length);
            r.write(stderr, bytes);
            if (!r.written) {
                r.written = true;
                written.add(r);
            }
        }
    }

    private synchronized Route route(int number) {
        if (number >= 0 && number < routes.size()) return routes.get(number);
        // Text from before the child had work (a pre-started JVM's complaint) has no route yet and goes to this
        // process's own stdout/stderr; an unknown number cannot come from our child, its text still shows.
        if (routes.isEmpty()) routes.add(new Route(null, failures));
        return routes.get(OutputRoute.OWN);
    }

    /** Lets every route written since the last call pass on its held partial lines. */
    void flushWritten() {
        for (Route r : written) {
            r.written = false;
            r.flush();
        }
        written.clear();
    }

    /** The child will print no more: every route's text goes out, and its sinks hear the end of both streams. */
    void end() {
        List<Route> all;
        synchronized (this) {
            if (ended) return;
            ended = true;
            all = List.copyOf(routes);
        }
        written.clear();
        for (Route r : all) r.end();
    }

    /** One route: its sink and a decoder per stream (a character may be split between two writes). */
    private static final class Route {
        final OutputSink sink;
        final SinkFailures failures;
        final Decoder out = new Decoder();
        final Decoder err = new Decoder();
        boolean written;

        Route(OutputSink sink, SinkFailures failures) {
            this.sink = sink;
            this.failures = failures;
        }

        void write(boolean stderr, ByteBuffer bytes) {
            String text = (stderr ? err : out).decode(bytes, false);
            if (!text.isEmpty()) pass(stderr, text);
        }

        void flush() {
            try {
                if (sink != null) sink.flush();
            } catch (RuntimeException e) {
                failures.failed("flush", e);
            }
        }

        void end() {
            for (boolean stderr : new boolean[] {false, true}) {
                String rest = (stderr ? err : out).decode(ByteBuffer.allocate(0), true);
                if (!rest.isEmpty()) pass(stderr, rest);
                try {
                    if (sink != null) sink.end(stderr);
                } catch (RuntimeException e) {
                    failures.failed("end", e);
                }
            }
        }

        private void pass(boolean stderr, String text) {
            try {
                if (sink != null) {
                    sink.write(stderr, text);
                } else {
                    PrintStream ps = stderr ? System.err : System.out;
                    ps.print(text);
                    ps.flush();
                }
            } catch (RuntimeException e) {
                failures.failed("write", e);
            }
        }
    }

    /** UTF-8 in pieces: the bytes of a character cut between two pieces wait for the rest. */
    private static final class Decoder {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer carry = ByteBuffer.allocate(0);

        String decode(ByteBuffer bytes, boolean last) {
            ByteBuffer in = bytes;
            if (carry.hasRemaining()) {
                in = ByteBuffer.allocate(carry.remaining() + bytes.remaining()).put(carry).put(bytes).flip();
            }
            CharBuffer chars = CharBuffer.allocate(in.remaining() + 1);
            decoder.decode(in, chars, last);
            if (last) decoder.flush(chars);
            carry = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
            if (last) decoder.reset();
            return chars.flip().toString();
        }
    }
}
