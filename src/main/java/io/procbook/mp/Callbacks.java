package io.procbook.mp;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * The {@code callback} and {@code error_callback} keywords of Python's {@code apply_async},
 * {@code map_async} and {@code starmap_async}, as one value with named parts:
 *
 * <pre>{@code
 * pool.applyAsync(() -> work(), Pool.callback(r -> System.out.println("got " + r)));
 * pool.mapAsync(x -> x * x, items, Pool.callback(list -> done.complete(list))
 *                                      .errorCallback(e -> System.err.println("failed: " + e)));
 * pool.applyAsync(() -> risky(), Pool.errorCallback(e -> log(e)));
 * }</pre>
 *
 * <p>Both callbacks run in this (the parent) process on the pool's result-handler thread; see {@link Pool}
 * for when they run and what a callback may not do. An instance never changes and is safe to share between
 * threads; it can be reused for several calls.
 *
 * @param <R> the type of result the callback takes (for a map: the list of results)
 */
public final class Callbacks<R> {

    /** Run with the result, or {@code null}. */
    private final Consumer<? super R> onResult;
    /** Run with the failure, or {@code null}. */
    private final Consumer<? super Throwable> onError;

    private Callbacks(Consumer<? super R> onResult, Consumer<? super Throwable> onError) {
        this.onResult = onResult;
        this.onError = onError;
    }

    /**
     * Returns callbacks that run {@code callback} with the result (Python's {@code callback=}).
     * {@link Pool#callback(Consumer)} is the same.
     *
     * @param callback run in this process with the result
     * @param <R>      the result type
     * @return callbacks with only a result callback
     * @throws NullPointerException if {@code callback} is null
     */
    public static <R> Callbacks<R> onResult(Consumer<? super R> callback) {
        return new Callbacks<>(Objects.requireNonNull(callback, "callback"), null);
    }

    /**
     * Returns callbacks that run {@code errorCallback} with the failure (Python's {@code error_callback=}).
     * {@link Pool#errorCallback(Consumer)} is the same.
     *
     * @param errorCallback run in this process with the failure
     * @param <R>           the result type
     * @return callbacks with only an error callback
     * @throws NullPointerException if {@code errorCallback} is null
     */
    public static <R> Callbacks<R> onError(Consumer<? super Throwable> errorCallback) {
        return new Callbacks<>(null, Objects.requireNonNull(errorCallback, "errorCallback"));
    }

    /**
     * Adds an error callback (Python's {@code error_callback=}): it runs with the task's exception, a
     * {@link WorkerDiedException} if the worker died, a {@link java.util.concurrent.CancellationException} if
     * the pool was terminated, and so on (for a map: the first failure).
     *
     * @param errorCallback run in this process with the failure
     * @return callbacks with this result callback and {@code errorCallback}
     * @throws NullPointerException if {@code errorCallback} is null
     */
    public Callbacks<R> errorCallback(Consumer<? super Throwable> errorCallback) {
        return new Callbacks<>(onResult, Objects.requireNonNull(errorCallback, "errorCallback"));
    }

    /** No callbacks: a result is ready as soon as its task is done. */
    static <R> Callbacks<R> none() {
        return new Callbacks<>(null, null);
    }

    /** Either or both may be {@code null}: for the deprecated positional forms and for "no callbacks". */
    static <R> Callbacks<R> of(Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        return new Callbacks<>(callback, errorCallback);
    }

    /** The result callback, or {@code null}. */
    Consumer<? super R> result() {
        return onResult;
    }

    /** The error callback, or {@code null}. */
    Consumer<? super Throwable> error() {
        return onError;
    }

    @Override
    public String toString() {
        return "Callbacks[callback=" + (onResult != null) + ", errorCallback=" + (onError != null) + "]";
    }
}
