package io.procbook.mp;

import io.procbook.mp.internal.pool.Backend;
import io.procbook.mp.internal.pool.Chunk;
import io.procbook.mp.internal.pool.ChunkSink;
import io.procbook.mp.internal.pool.ItemBuffer;
import io.procbook.mp.internal.pool.MapJob;
import io.procbook.mp.internal.pool.ResultHandler;
import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.spi.Hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * How a {@link Pool} runs what it is given: cuts the items into chunks for its backend, and turns the chunks'
 * results into an {@link AsyncResult} (after the callbacks, on the pool's result-handler thread), a list, or a
 * {@link PoolIterator}. {@code Pool} holds the Python-shaped API and the pool's life; this class holds the
 * work in between, so that each can be read on its own. Thread-safe: the backend and the handler are.
 */
final class PoolJobs {

    private final Backend backend;
    private final ResultHandler handler;
    /** The number of workers, for the default chunk size. */
    private final int size;

    PoolJobs(Backend backend, ResultHandler handler, int size) {
        this.backend = backend;
        this.handler = handler;
        this.size = size;
    }

    /** {@code fn(arg)} as one task. */
    @SuppressWarnings("unchecked")
    <T, R> AsyncResult<R> one(Fn<T, R> fn, T arg, Callbacks<? super R> callbacks) {
        Objects.requireNonNull(callbacks, "callbacks");
        List<Object> one = new ArrayList<>(1);
        one.add(arg);
        CompletableFuture<List<Object>> all = run((Fn<Object, Object>) fn, one, 1, null);
        return result(all.thenApply(l -> (R) l.get(0)), callbacks);
    }

    /** {@code fn} over every item, in chunks of {@code chunksize} (0: the default), as one result. */
    @SuppressWarnings("unchecked")
    <T, R> AsyncResult<List<R>> all(Fn<T, R> fn, Iterable<? extends T> items, int chunksize,
                                    Callbacks<? super List<R>> callbacks) {
        Objects.requireNonNull(callbacks, "callbacks");
        List<Object> list = toList(items);
        CompletableFuture<List<Object>> all = run((Fn<Object, Object>) fn, list, chunkSize(chunksize, list.size()), null);
        return result(all.thenApply(l -> (List<R>) l), callbacks);
    }

    /** {@code fn} over every item, in chunks of the default size, waiting for all, with a progress bar. */
    @SuppressWarnings("unchecked")
    <T, R> List<R> showing(Fn<T, R> fn, Iterable<? extends T> items, Progress progress, String operation) {
        Objects.requireNonNull(progress, "progress");
        List<Object> list = toList(items);
        ProgressBar bar = progress.openForPool(operation, list.size());
        return (List<R>) new AsyncResult<>(run((Fn<Object, Object>) fn, list, chunkSize(0, list.size()), bar)).get();
    }

    /**
     * {@code fn} over every item, its results one by one.
     *
     * @param progress {@code null} for no bar; {@code operation} names the bar if it has no description
     */
    @SuppressWarnings("unchecked")
    <T, R> PoolIterator<R> iterate(Fn<T, R> fn, Iterable<? extends T> items, int chunksize, boolean ordered,
                                   Progress progress, String operation) {
        if (chunksize < 1) throw new IllegalArgumentException("chunksize must be at least 1, not " + chunksize);
        List<Object> list = toList(items);
        ItemBuffer buffer = new ItemBuffer(list.size(), ordered);
        ProgressBar bar = progress == null ? null : progress.openForPool(operation, list.size());
        backend.submit((Fn<Object, Object>) fn, cut(list, chunksize, ProgressSink.wrap(buffer, bar, false)));
        if (bar != null) bar.begin();
        return new PoolIterator<>(buffer, list.size(), Blocking.NO_DEADLINE);
    }

    /** A {@link Call} as the one-argument function a backend runs. */
    static <R> Fn<Object, R> call(Call<R> task) {
        return new CallFn<>(Objects.requireNonNull(task, "task"));
    }

    /** A two-argument function as a function of a list of two arguments. */
    static <T, R> Fn<List<T>, R> star(Fn2<T, T, R> fn) {
        return new StarFn<>(fn);
    }

    /** Starmap's argument lists, copied, each checked to hold two arguments. */
    static <T> List<List<T>> pairs(Iterable<? extends List<? extends T>> args) {
        List<List<T>> pairs = new ArrayList<>();
        for (List<? extends T> a : args) {
            if (a.size() != 2) throw new IllegalArgumentException("starmap needs two arguments per task, got " + a);
            pairs.add(new ArrayList<>(a));
        }
        return pairs;
    }

    /** The items as chunks of {@code chunksize} (the last may be shorter), each reporting to {@code sink}. */
    static List<Chunk> cut(List<Object> items, int chunksize, ChunkSink sink) {
        List<Chunk> chunks = new ArrayList<>((items.size() + chunksize - 1) / chunksize);
        for (int i = 0; i < items.size(); i += chunksize) {
            chunks.add(new Chunk(sink, i, items.subList(i, Math.min(items.size(), i + chunksize))));
        }
        return chunks;
    }

    /** @param bar {@code null} for none; shown once the work is submitted (a refused map shows nothing) */
    private CompletableFuture<List<Object>> run(Fn<Object, Object> fn, List<Object> items, int chunksize,
                                                ProgressBar bar) {
        MapJob job = new MapJob(items.size(), (items.size() + chunksize - 1) / chunksize);
        List<Chunk> chunks = cut(items, chunksize, ProgressSink.wrap(job, bar, true));
        if (!chunks.isEmpty()) backend.submit(fn, chunks);
        else if (backend.isShutdown()) throw new IllegalStateException("the pool accepts no new tasks");
        if (bar != null) bar.begin();
        return job.future();
    }

    /** Python's default: about four chunks per worker. */
    private int chunkSize(int requested, int items) {
        if (requested < 0) throw new IllegalArgumentException("chunksize must be >= 0 (0: default), not " + requested);
        if (requested > 0) return requested;
        int per = 4 * size;
        return Math.max(1, (items + per - 1) / per);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> toList(Iterable<?> items) {
        if (items instanceof List<?> l) return (List<Object>) l;
        List<Object> out = new ArrayList<>();
        for (Object o : items) out.add(o);
        return out;
    }

    private <R> AsyncResult<R> result(CompletableFuture<R> f, Callbacks<? super R> callbacks) {
        Consumer<? super R> callback = callbacks.result();
        Consumer<? super Throwable> errorCallback = callbacks.error();
        if (callback == null && errorCallback == null) return new AsyncResult<>(f);
        // As in Python, the result is ready once its callback has run: what a callback prints comes before
        // whatever the caller does after get(). A callback belongs where it was registered (under the kernel:
        // it prints into that cell), though it runs on the pool's handler thread.
        Object context = Hooks.currentContext();
        CompletableFuture<R> ready = new CompletableFuture<>();
        f.whenComplete((v, e) -> handler.post(() -> {
            try {
                Hooks.runIn(context, () -> {
                    if (e == null) {
                        if (callback != null) callback.accept(v);
                    } else if (errorCallback != null) {
                        errorCallback.accept(e instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : e);
                    }
                });
            } finally {
                if (e == null) ready.complete(v);
                else ready.completeExceptionally(e);
            }
        }));
        return new AsyncResult<>(ready);
    }

    /** A {@link Call} seen as a one-argument function (its argument is ignored). */
    private record CallFn<R>(Call<R> task) implements Fn<Object, R> {
        @Override
        public R apply(Object ignored) throws Exception {
            return task.call();
        }
    }

    /** A two-argument function applied to a list of two arguments. */
    private record StarFn<T, R>(Fn2<T, T, R> fn) implements Fn<List<T>, R> {
        @Override
        public R apply(List<T> args) throws Exception {
            return fn.apply(args.get(0), args.get(1));
        }
    }
}
