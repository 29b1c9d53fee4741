package io.procbook.mp.internal.pool;

import io.procbook.mp.Fn;
import io.procbook.mp.Task;
import io.procbook.mp.internal.ChildContext;
import io.procbook.mp.internal.ChildEntry;
import io.procbook.mp.internal.Codec;
import io.procbook.mp.internal.Serial;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
            byte[] message = context.receive();
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(message));
            switch (in.readByte()) {
                case PoolProtocol.FUNCTION -> {
                    int id = in.readInt();
                    Object fn;
                    try {
                        fn = context.decode(Codec.decodeBundle(in.readAllBytes()));
                    } catch (Exception | LinkageError e) {
                        fn = e; // each chunk that uses it fails with this
                    }
                    functions.put(id, fn);
                }
                case PoolProtocol.CHUNKS -> {
                    int n = in.readInt();
                    for (int i = 0; i < n; i++) {
                        long seq = in.readLong();
                        Object fn = functions.get(in.readInt());
                        runChunk(context, seq, fn, in);
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
    private static void runChunk(ChildContext context, long seq, Object fn, DataInputStream in) throws IOException {
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
        ByteArrayOutputStream b = new ByteArrayOutputStream(64 + results.size() * 5);
        try (DataOutputStream out = new DataOutputStream(b)) {
            header(out, seq, t0, true);
            ItemCodec.write(out, results);
        } catch (UncheckedIOException e) {
            return failure(seq, t0, new IllegalStateException(
                    "a result of this task cannot be sent back to the parent: " + Serial.describe(e), e.getCause()));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return b.toByteArray();
    }

    private static byte[] failure(long seq, long t0, Throwable t) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            header(out, seq, t0, false);
            out.write(PoolProtocol.exceptionBytes(t));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    private static void header(DataOutputStream out, long seq, long t0, boolean ok) throws IOException {
        out.writeByte(PoolProtocol.RESULT);
        out.writeLong(seq);
        out.writeLong(System.nanoTime() - t0);
        out.writeBoolean(ok);
    }
}
