package io.procbook.mp;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link Future} that {@link ProcessPoolExecutor#submit} returns: its failures are the task's own exception
 * (not a CompletionException) in ExecutionException, and its {@code cancel} takes a task that is still queued out
 * of the queue. Thread-safe, as the CompletableFuture it wraps.
 */
final class TaskFuture<T> implements Future<T> {
    final CompletableFuture<T> future;
    private final Runnable withdraw;

    TaskFuture(CompletableFuture<T> future, Runnable withdraw) {
        this.future = future;
        this.withdraw = withdraw;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        // The Future contract: a task cancelled before it started never runs. One a worker already has runs
        // to its end (a thread in another process cannot be interrupted from here); its result is dropped,
        // as FutureTask.cancel(false) drops a running task's.
        if (future.isDone()) return false;
        withdraw.run();
        return future.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean isCancelled() {
        return future.isCancelled();
    }

    @Override
    public boolean isDone() {
        return future.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return future.get(timeout, unit);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static ExecutionException unwrap(ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof CompletionException && c.getCause() != null) return new ExecutionException(c.getCause());
        if (c instanceof CancellationException ce) throw ce;
        return e;
    }
}
