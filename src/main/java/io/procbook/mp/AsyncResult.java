package io.procbook.mp;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pending result of {@link Pool#applyAsync}, {@link Pool#mapAsync} or {@link Pool#starmapAsync}
 * (Python's {@code AsyncResult}). Its waiting methods are unchecked, as in Python: a failed task's exception
 * comes out of {@link #get()} wrapped in a {@link TaskFailedException} whose cause carries the worker's stack
 * trace; a timeout is an {@link UncheckedTimeoutException} (Python's {@code multiprocessing.TimeoutError}).
 * For {@code java.util.concurrent} futures use {@link ProcessPoolExecutor}.
 *
 * <p>Thread-safe: any thread may wait on it.
 *
 * @param <T> the result type
 */
public final class AsyncResult<T> {

    private final CompletableFuture<T> future;

    AsyncResult(CompletableFuture<T> future) {
        this.future = future;
    }

    /**
     * Blocks until the result is there.
     *
     * @return the result
     * @throws TaskFailedException           if the task failed (the cause is the task's exception, or a
     *                                       {@link WorkerDiedException} if its worker died)
     * @throws CancellationException         if the pool was terminated first
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again)
     */
    public T get() {
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /**
     * Blocks until the result is there or the timeout elapses.
     *
     * @param timeout how long to wait
     * @param unit    its unit
     * @return the result
     * @throws UncheckedTimeoutException     if the result is not there in time (the task goes on)
     * @throws TaskFailedException           if the task failed
     * @throws CancellationException         if the pool was terminated first
     * @throws UncheckedInterruptedException if the waiting thread is interrupted
     */
    public T get(long timeout, TimeUnit unit) {
        try {
            return future.get(timeout, unit);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw new UncheckedTimeoutException("no result within " + timeout + " " + unit.toString().toLowerCase());
        }
    }

    static RuntimeException failure(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (cause instanceof CancellationException c) return c;
        return new TaskFailedException(cause);
    }

    /**
     * Blocks until the result is there (or the task failed) or the timeout elapses; does not throw the
     * task's failure.
     *
     * @return whether the result is ready
     * @throws UncheckedInterruptedException if the waiting thread is interrupted
     */
    public boolean waitFor(long timeout, TimeUnit unit) {
        try {
            future.get(timeout, unit);
            return true;
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException | CancellationException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** @return whether the task has finished (successfully or not); never blocks */
    public boolean ready() {
        return future.isDone();
    }

    /**
     * @return whether the task finished without failing; never blocks
     * @throws IllegalStateException if it has not finished (Python raises ValueError)
     */
    public boolean successful() {
        if (!future.isDone()) throw new IllegalStateException("the result is not ready");
        return !future.isCompletedExceptionally();
    }

    @Override
    public String toString() {
        return "AsyncResult[" + (!future.isDone() ? "pending" : future.isCompletedExceptionally() ? "failed" : "ready") + "]";
    }
}
