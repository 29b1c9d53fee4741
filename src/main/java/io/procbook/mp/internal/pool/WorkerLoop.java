package io.procbook.mp.internal.pool;

import io.procbook.mp.Fn;
import io.procbook.mp.Task;
import io.procbook.mp.internal.ChildContext;
import io.procbook.mp.internal.ChildEntry;
import io.procbook.mp.internal.EnvelopeCodec;
import io.procbook.mp.internal.OutputRoute;
import io.procbook.mp.internal.Serial;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool worker's main loop, run in the worker JVM: the initializer once, then chunks until told to stop.
 * Each chunk's result is sent as soon as the chunk ends (never held back), so that when a worker dies the
 * parent knows the chunk it was running is the oldest unanswered one, and that the later ones never started.
 */
public final class WorkerLoop implements ChildEntry {

    private static final long serialVersionUID = 1L;
    private final Task initializer;

    /** @param initializer run once before the first chunk, or {@code null} */
    public WorkerLoop(Task initializer) {
        this.initializer = initializer;
    }

    @Override
    public void run(ChildContext context) throws Throwable {
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                b.write(PoolProtocol.INIT_FAILED);
                b.write(PoolProtocol.exceptionBytes(t));
                context.send(b.toByteArray());
                return;
            }
        }
        Map<Integer, Object> functions = new HashMap<>();
        while (true) {
            ByteBuffer in = ByteBuffer.wrap(context.receive());
            switch (in.get()) {
                case PoolProtocol.FUNCTION -> {
                    int id = in.getInt();
                    Object fn;
                    try {
                        byte[] parcel = new byte[in.remaining()];
                        in.get(parcel);
                        fn = context.decode(EnvelopeCodec.decodeParcel(parcel));
                    } catch (Exception | LinkageError e) {
                        fn = e; // each chunk that uses it fails with this
                    }
                    functions.put(id, fn);
                }
                case PoolProtocol.CHUNKS -> {
                    int n = in.getInt();
                    for (int i = 0; i < n; i++) {
                        long seq = in.getLong();
                        Object fn = functions.get(in.getInt());
                        // The chunk prints where it was submitted from (see OutputRoute), and so do the
                        // threads it starts.
                        int before = OutputRoute.set(in.getInt());
                        try {
                            runChunk(context, seq, fn, in);
                        } finally {
                            OutputRoute.set(before);
                        }
                    }
                }
                case PoolProtocol.STOP -> {
                    return;
                }
                default -> throw new IOException("unknown pool message");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void runChunk(ChildContext context, long seq, Object fn, ByteBuffer in) throws IOException {
        long t0 = System.nanoTime();
        byte[] out;
        try {
            List<Object> items = ItemCodec.read(in, context.loader(), null);
            if (fn instanceof Throwable t) throw t;
            Fn<Object, Object> f = (Fn<Object, Object>) fn;
            List<Object> results = new ArrayList<>(items.size());
            for (Object item : items) results.add(f.apply(item));
            out = encode(seq, t0, results);
        } catch (Throwable t) {
            out = failure(seq, t0, t);
        }
        context.send(out);
    }

    private static byte[] encode(long seq, long t0, List<Object> results) {
        byte[] out;
        try {
            out = ItemCodec.encode(results, HEADER);
        } catch (UncheckedIOException e) {
            return failure(seq, t0, new IllegalStateException(
                    "a result of this task cannot be sent back to the parent: " + Serial.describe(e), e.getCause()));
        }
        header(out, seq, t0, true);
        return out;
    }

    private static byte[] failure(long seq, long t0, Throwable t) {
        byte[] exception = PoolProtocol.exceptionBytes(t);
        byte[] out = new byte[HEADER + exception.length];
        System.arraycopy(exception, 0, out, HEADER, exception.length);
        header(out, seq, t0, false);
        return out;
    }

    /** RESULT, the sequence number, the nanoseconds the chunk ran, ok: see {@link PoolProtocol}. */
    private static final int HEADER = 1 + 8 + 8 + 1;

    private static void header(byte[] out, long seq, long t0, boolean ok) {
        ByteBuffer.wrap(out, 0, HEADER).put(PoolProtocol.RESULT).putLong(seq).putLong(System.nanoTime() - t0)
                .put((byte) (ok ? 1 : 0));
    }
}
