package io.procbook.mp;

import io.procbook.mp.internal.shm.Blocking;

import java.time.Duration;
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
 * <p>Thread-safe: any thread may wait on it, any number of times; every waiter sees the same outcome. It
 * belongs to the process whose pool made it: it is not Serializable and cannot be sent to a child.
 *
 * @param <T> the result type
 */
public final class AsyncResult<T> {

    /** Completed by the pool with the result or the failure. */
    private final CompletableFuture<T> future;

    AsyncResult(CompletableFuture<T> future) {
        this.future = future;
    }

    /**
     * Blocks until the result is there. The wait has no time limit and is interruptible.
     *
     * @return the result
     * @throws TaskFailedException           if the task failed (the cause is the task's exception, or a
     *                                       {@link WorkerDiedException} if its worker died, or a
     *                                       {@link BrokenProcessPoolException} if the pool broke)
     * @throws CancellationException         if the pool was terminated first
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again); the
     *                                       task goes on
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
     * Blocks until the result is there or the timeout elapses (Python's {@code get(timeout)}). The wait is
     * interruptible.
     *
     * <pre>{@code int answer = pool.applyAsync(() -> 6 * 7).get(Duration.ofSeconds(10));}</pre>
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative only checks
     * @return the result
     * @throws UncheckedTimeoutException     if the result is not there in time (the task goes on)
     * @throws TaskFailedException           if the task failed
     * @throws CancellationException         if the pool was terminated first
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again)
     */
    public T get(Duration timeout) {
        if (timeout == null) return get();
        try {
            return future.get(Blocking.saturatedNanos(timeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw new UncheckedTimeoutException("no result within " + readable(timeout));
        }
    }

    /**
     * Blocks until the result is there or the timeout elapses, as {@link #get(Duration)} does.
     *
     * @param timeout how long to wait; zero or negative only checks
     * @param unit    its unit
     * @return the result
     * @throws UncheckedTimeoutException     if the result is not there in time (the task goes on)
     * @throws TaskFailedException           if the task failed
     * @throws CancellationException         if the pool was terminated first
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again)
     * @throws NullPointerException          if {@code unit} is null
     * @deprecated timeouts in this package are {@link Duration}s: use {@link #get(Duration)}
     */
    @Deprecated
    public T get(long timeout, TimeUnit unit) {
        return get(Duration.ofNanos(unit.toNanos(timeout)));
    }

    /** "200 ms", "10 s", "1.5 s": how a reader wrote the timeout, not Duration's "PT0.2S". */
    private static String readable(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + " ms";
        return (ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0)) + " s";
    }

    static RuntimeException failure(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        if (cause instanceof CancellationException c) return c;
        return new TaskFailedException(cause);
    }

    /**
     * Blocks until the result is there (or the task failed) or the timeout elapses; does not throw the
     * task's failure (Python's {@code wait(timeout)}, which returns nothing). The wait is interruptible.
     *
     * @param timeout how long to wait at most; {@code null} for no limit; zero or negative only checks
     * @return whether the task has finished (successfully, failed or cancelled)
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again)
     */
    public boolean waitFor(Duration timeout) {
        try {
            if (timeout == null) future.get();
            else future.get(Blocking.saturatedNanos(timeout), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        } catch (ExecutionException | CancellationException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * Blocks until the task has finished or the timeout elapses, as {@link #waitFor(Duration)} does.
     *
     * @param timeout how long to wait at most; zero or negative only checks
     * @param unit    its unit
     * @return whether the task has finished (successfully, failed or cancelled)
     * @throws UncheckedInterruptedException if the waiting thread is interrupted (its flag is set again)
     * @throws NullPointerException          if {@code unit} is null
     * @deprecated timeouts in this package are {@link Duration}s: use {@link #waitFor(Duration)}
     */
    @Deprecated
    public boolean waitFor(long timeout, TimeUnit unit) {
        return waitFor(Duration.ofNanos(unit.toNanos(timeout)));
    }

    /**
     * Tells whether the task has finished. Never blocks.
     *
     * @return whether the task has finished (successfully or not)
     */
    public boolean ready() {
        return future.isDone();
    }

    /**
     * Tells whether the task finished without failing. Never blocks.
     *
     * @return whether the task finished without failing
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
