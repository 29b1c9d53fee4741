package io.procbook.mp;

import io.procbook.mp.internal.pool.Chunk;
import io.procbook.mp.internal.pool.ChunkSink;
import io.procbook.mp.internal.pool.ItemBuffer;
import io.procbook.mp.internal.pool.MapJob;
import io.procbook.mp.internal.pool.ProcessBackend;
import io.procbook.mp.internal.pool.ResultHandler;
import io.procbook.mp.internal.shm.Blocking;
import io.procbook.mp.spi.ChildProcess;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An {@link ExecutorService} whose tasks run in worker processes (Python's
 * {@code concurrent.futures.ProcessPoolExecutor}): {@code submit} returns a real {@link Future}. Tasks must be
 * Serializable: a lambda typed as {@link Call} is (the {@code submit(Call)} overload is chosen for a plain
 * lambda); a {@link Callable} or {@link Runnable} that is not Serializable is refused with an
 * {@link IllegalArgumentException} naming the offending class.
 *
 * <p>A worker that dies abruptly breaks the executor, as in Python: every pending future fails with a
 * {@link BrokenProcessPoolException} (its cause a {@link WorkerDiedException}) and new submissions are
 * refused with one, instead of anything hanging.
 *
 * <p>{@link Future#cancel} of a task still waiting in the executor's queue takes it out: it never runs. A task
 * a worker has already been given runs to its end whatever {@code mayInterruptIfRunning} says (a worker's
 * thread cannot be interrupted from this process); its future is cancelled and its result dropped.
 *
 * <p>{@link #close()} is {@code shutdown()} then waiting for termination (the JDK 19 {@code ExecutorService}
 * contract). Thread-safe: any thread may submit and wait. The executor belongs to the process that made it:
 * it is not Serializable, so it cannot be sent to a child; if this process dies, its workers (its children)
 * end within about a second. Submitting never waits for tasks; the waiting methods are those of
 * {@code ExecutorService} and {@link Future}, interruptible with {@link InterruptedException}, plus the
 * iterators of {@link #map} and {@link #asCompleted}, whose {@code next()} throws
 * {@link UncheckedInterruptedException}. Given a {@link Progress}, {@link #map(Fn, Iterable, Progress) map} and
 * {@link #asCompleted(Collection, Progress) asCompleted} show a live progress bar.
 */
public class ProcessPoolExecutor implements ExecutorService, AutoCloseable {

    private final ProcessBackend backend;
    private final int size;

    /**
     * Starts an executor with {@link Process#cpuCount()} workers and blocks until they run, as
     * {@link #ProcessPoolExecutor(ExecutorOptions)} does.
     *
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started
     */
    public ProcessPoolExecutor() {
        this(options());
    }

    /**
     * Starts an executor with {@code maxWorkers} workers and blocks until they run, as
     * {@link #ProcessPoolExecutor(ExecutorOptions)} does.
     *
     * @param maxWorkers how many workers
     * @throws IllegalArgumentException     if {@code maxWorkers < 1}
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(options().maxWorkers(maxWorkers));
    }

    /**
     * Starts the worker processes that {@code options} describe (Python's
     * {@code ProcessPoolExecutor(max_workers, initializer=..., max_tasks_per_child=...)}) and blocks until they
     * run (they are launched side by side):
     *
     * <pre>{@code var executor = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(4).maxTasksPerChild(10));}</pre>
     *
     * <p>The wait is not interruptible: an interrupt is remembered and the interrupt flag set again when the
     * constructor returns or throws.
     *
     * @param options the number of workers, the initializer and the tasks per worker; see
     *                {@link ExecutorOptions}
     * @throws IllegalArgumentException     if the initializer cannot be serialized
     * @throws NullPointerException         if {@code options} is null
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started (the workers that did start are
     *                                      sent SIGTERM)
     */
    public ProcessPoolExecutor(ExecutorOptions options) {
        size = options.maxWorkers();
        backend = new ProcessBackend(size, options.initializer(), options.maxTasksPerChild(), true,
                new ResultHandler("ProcessPoolExecutor-handler"), "ProcessPoolExecutor");
    }

    /**
     * Starts the worker processes as {@link #ProcessPoolExecutor(ExecutorOptions)} does.
     *
     * @param maxWorkers       how many workers
     * @param initializer      run once in each worker first, or {@code null}; if it fails the executor breaks
     * @param maxTasksPerChild a worker is replaced after this many tasks; 0 for never
     * @throws IllegalArgumentException     if {@code maxWorkers < 1} or {@code maxTasksPerChild < 0}, or the
     *                                      initializer cannot be serialized
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started
     * @deprecated which number is which is not visible at the call: use
     *             {@code new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(n).initializer(init)
     *             .maxTasksPerChild(m))}
     */
    @Deprecated
    public ProcessPoolExecutor(int maxWorkers, Task initializer, int maxTasksPerChild) {
        this(initializer == null ? options().maxWorkers(maxWorkers).maxTasksPerChild(maxTasksPerChild)
                : options().maxWorkers(maxWorkers).initializer(initializer).maxTasksPerChild(maxTasksPerChild));
    }

    /**
     * Returns the default executor options, to be changed by their named withers and passed to
     * {@link #ProcessPoolExecutor(ExecutorOptions)}.
     *
     * @return {@link Process#cpuCount()} workers, no initializer, workers never replaced
     */
    public static ExecutorOptions options() {
        return ExecutorOptions.defaults();
    }

    /**
     * Runs {@code task} in a worker. Does not wait for it.
     *
     * @param task what to run; a lambda typed here is Serializable without a cast
     * @param <T>  the result type
     * @return its future; {@code get()} throws an ExecutionException whose cause is the task's exception
     *         (with the worker's stack trace) or a {@link BrokenProcessPoolException}, and a
     *         {@link CancellationException} after {@link #shutdownNow()}
     * @throws RejectedExecutionException if the executor was shut down or is broken (the cause says which: a
     *                                    {@link BrokenProcessPoolException} if broken)
     * @throws IllegalArgumentException   if the task (or what it captures) cannot be serialized
     */
    public <T> Future<T> submit(Call<T> task) {
        return start(new CallTask<>(task));
    }

    /**
     * Runs a Serializable {@code Callable} in a worker, as {@link #submit(Call)} does.
     *
     * @param task what to run; must be Serializable
     * @param <T>  the result type
     * @return its future
     * @throws RejectedExecutionException if the executor was shut down or is broken (the cause says which: a
     *                                    {@link BrokenProcessPoolException} if broken)
     * @throws IllegalArgumentException   if the task (or what it captures) cannot be serialized
     * @throws NullPointerException       if {@code task} is null
     */
    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return start(new CallTask<>(task::call)); // serializing the method reference serializes the task
    }

    /**
     * Runs a Serializable {@code Runnable} in a worker, as {@link #submit(Call)} does.
     *
     * @param task what to run; must be Serializable
     * @return its future, whose value is {@code null}
     * @throws RejectedExecutionException if the executor was shut down or is broken (the cause says which: a
     *                                    {@link BrokenProcessPoolException} if broken)
     * @throws IllegalArgumentException   if the task (or what it captures) cannot be serialized
     */
    @Override
    public Future<?> submit(Runnable task) {
        return submit(task, null);
    }

    /**
     * Runs a Serializable {@code Runnable} in a worker, as {@link #submit(Call)} does.
     *
     * @param task   what to run; must be Serializable
     * @param result the future's value; must be Serializable too (it travels to the worker and back)
     * @param <T>    the result type
     * @return its future, whose value is {@code result}
     * @throws RejectedExecutionException if the executor was shut down or is broken (the cause says which: a
     *                                    {@link BrokenProcessPoolException} if broken)
     * @throws IllegalArgumentException   if the task (or what it captures) cannot be serialized
     */
    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return start(new CallTask<T>(() -> {
            task.run();
            return result;
        }));
    }

    /**
     * Runs a Serializable {@code Runnable} in a worker, ignoring its outcome: an exception it throws is not
     * reported anywhere (keep the future of {@link #submit(Runnable)} to see it).
     *
     * @param command what to run; must be Serializable
     * @throws RejectedExecutionException if the executor was shut down or is broken (the cause says which: a
     *                                    {@link BrokenProcessPoolException} if broken)
     * @throws IllegalArgumentException   if the task (or what it captures) cannot be serialized
     */
    @Override
    public void execute(Runnable command) {
        submit(command);
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> start(CallTask<T> task) {
        MapJob job = new MapJob(1, 1);
        List<Object> one = new ArrayList<>(1);
        one.add(null);
        Chunk chunk = new Chunk(job, 0, one);
        try {
            backend.submit((Fn<Object, Object>) (Fn<?, ?>) task, List.of(chunk));
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException(e.getMessage(), e);
        }
        CompletableFuture<T> f = job.future().thenApply(l -> (T) l.get(0));
        return new TaskFuture<>(f, () -> backend.withdraw(chunk));
    }

    /**
     * Applies {@code fn} to every item in workers, one item per task, with a time limit for the whole map
     * (Python's {@code Executor.map(fn, items, timeout=...)}), as {@link #map(Fn, Iterable, Duration, int)}
     * does.
     *
     * <pre>{@code executor.map(n -> fib(n), List.of(20, 25, 30), Duration.ofSeconds(30)).forEachRemaining(out::add);}</pre>
     *
     * @param fn      the function
     * @param items   its arguments; copied before this method returns
     * @param timeout the whole map's time limit from this call on; {@code null} for none
     * @param <T>     the item type
     * @param <R>     the result type
     * @return an iterator over the results in item order (a {@link PoolIterator})
     * @throws RejectedExecutionException if the executor was shut down or is broken
     * @throws IllegalArgumentException   if {@code fn} or an item cannot be serialized
     * @throws NullPointerException       if {@code items} is null
     */
    public <T, R> Iterator<R> map(Fn<T, R> fn, Iterable<? extends T> items, Duration timeout) {
        return map(fn, items, timeout, 1);
    }

    /**
     * Applies {@code fn} to every item in workers, in chunks of {@code chunksize} items, with no time limit
     * (Python's {@code Executor.map(fn, items, chunksize=...)}), as {@link #map(Fn, Iterable, Duration, int)}
     * does.
     *
     * @param fn        the function
     * @param items     its arguments; copied before this method returns
     * @param chunksize items per chunk (at least 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an iterator over the results in item order (a {@link PoolIterator})
     * @throws RejectedExecutionException if the executor was shut down or is broken
     * @throws IllegalArgumentException   if {@code chunksize < 1}, or {@code fn} or an item cannot be serialized
     * @throws NullPointerException       if {@code items} is null
     */
    public <T, R> Iterator<R> map(Fn<T, R> fn, Iterable<? extends T> items, int chunksize) {
        return map(fn, items, null, chunksize);
    }

    /**
     * Applies {@code fn} to every item in workers, in chunks, and returns the results in item order as they
     * become available (Python's {@code Executor.map(fn, items, timeout=..., chunksize=...)}).
     *
     * <p>Does not wait for the tasks; the iterator's {@code next()} does, interruptibly, and throws a failed
     * item's exception as a {@link TaskFailedException} (the iteration may go on with the later items).
     *
     * @param fn        the function
     * @param items     its arguments; copied before this method returns
     * @param timeout   the whole map's time limit from this call on, {@code null} for none; a result not there
     *                  by then makes {@code next()} throw {@link UncheckedTimeoutException}; zero or negative
     *                  only takes results that are already there
     * @param chunksize items per chunk (at least 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an iterator over the results in item order (a {@link PoolIterator})
     * @throws RejectedExecutionException if the executor was shut down or is broken
     * @throws IllegalArgumentException   if {@code chunksize < 1}, or {@code fn} or an item cannot be serialized
     * @throws NullPointerException       if {@code items} is null
     */
    public <T, R> Iterator<R> map(Fn<T, R> fn, Iterable<? extends T> items, Duration timeout, int chunksize) {
        return map(fn, items, Blocking.deadline(timeout), chunksize, null);
    }

    /**
     * Applies {@code fn} to every item as {@link #map(Fn, Iterable, Duration, int)} does.
     *
     * @param fn        the function
     * @param items     its arguments; copied before this method returns
     * @param timeout   the whole map's time limit from this call on, or {@code <= 0} for none
     * @param unit      the unit of {@code timeout} (not used if {@code timeout <= 0})
     * @param chunksize items per chunk (at least 1)
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an iterator over the results in item order (a {@link PoolIterator})
     * @throws RejectedExecutionException if the executor was shut down or is broken
     * @throws IllegalArgumentException   if {@code chunksize < 1}, or {@code fn} or an item cannot be serialized
     * @throws NullPointerException       if {@code items} is null, or {@code unit} is null with a positive
     *                                    {@code timeout}
     * @deprecated timeouts in this package are {@link Duration}s, and the numbers are not named at the call:
     *             use {@link #map(Fn, Iterable, Duration)} or {@link #map(Fn, Iterable, Duration, int)}
     */
    @Deprecated
    public <T, R> Iterator<R> map(Fn<T, R> fn, Iterable<? extends T> items, long timeout, TimeUnit unit,
                                  int chunksize) {
        return map(fn, items, timeout <= 0 ? Blocking.NO_DEADLINE : Blocking.deadline(timeout, unit), chunksize,
                null);
    }

    /**
     * {@link #map(Fn, Iterable)} showing a progress bar (see {@link Progress}) that counts the results as they
     * finish (not as they are consumed), goes on past failed items and ends once every result is in, saying
     * how many failed. The bar belongs to the calling thread (in a notebook: its cell).
     *
     * @param fn       the function
     * @param items    its arguments
     * @param progress how to show the progress; {@link Progress#none()} for no bar
     * @param <T>      the item type
     * @param <R>      the result type
     * @return an iterator over the results in item order
     * @throws RejectedExecutionException if the executor was shut down or is broken (no bar is shown)
     * @throws IllegalArgumentException   if {@code fn} or an item cannot be serialized (no bar is shown)
     * @throws NullPointerException       if {@code items} or {@code progress} is null
     */
    public <T, R> Iterator<R> map(Fn<T, R> fn, Iterable<? extends T> items, Progress progress) {
        return map(fn, items, Blocking.NO_DEADLINE, 1, Objects.requireNonNull(progress, "progress"));
    }

    /** @param deadline on the {@link System#nanoTime()} clock, or {@link Blocking#NO_DEADLINE} */
    private <T, R> Iterator<R> map(Fn<T, R> fn, Iterable<? extends T> items, long deadline, int chunksize,
                                   Progress progress) {
        if (chunksize < 1) throw new IllegalArgumentException("chunksize must be at least 1, not " + chunksize);
        List<Object> list = new ArrayList<>();
        for (Object o : items) list.add(o);
        ItemBuffer buffer = new ItemBuffer(list.size(), true);
        ProgressBar bar = progress == null ? null : progress.openForPool("map", list.size());
        ChunkSink sink = ProgressSink.wrap(buffer, bar, false);
        List<Chunk> chunks = PoolJobs.cut(list, chunksize, sink);
        try {
            @SuppressWarnings("unchecked")
            Fn<Object, Object> f = (Fn<Object, Object>) fn;
            backend.submit(f, chunks);
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException(e.getMessage(), e);
        }
        if (bar != null) bar.begin();
        return new PoolIterator<>(buffer, list.size(), deadline);
    }

    /**
     * {@link #map(Fn, Iterable, Duration, int)} with no time limit and one item per chunk.
     *
     * @param fn    the function
     * @param items its arguments
     * @param <T>   the item type
     * @param <R>   the result type
     * @return an iterator over the results in item order
     * @throws RejectedExecutionException if the executor was shut down or is broken
     * @throws IllegalArgumentException   if {@code fn} or an item cannot be serialized
     * @throws NullPointerException       if {@code items} is null
     */
    public <T, R> Iterator<R> map(Fn<T, R> fn, Iterable<? extends T> items) {
        return map(fn, items, null, 1);
    }

    /**
     * The futures in the order they complete (Python's {@code as_completed}): each {@code next()} blocks, with
     * no time limit, until one more is done; it is interruptible and then throws
     * {@link UncheckedInterruptedException} (no future is lost: a later call returns it). {@code next()} past
     * the last throws {@link NoSuchElementException}. The iterator is not thread-safe.
     *
     * @param futures futures of any executor (those of this class and {@link CompletableFuture}s are watched
     *                without a thread each; any other future gets a daemon thread waiting for it)
     * @param <T>     the futures' result type
     * @return an iterator over the same futures
     * @throws NullPointerException if {@code futures} or one of them is null
     */
    public static <T> Iterator<Future<T>> asCompleted(Collection<? extends Future<T>> futures) {
        return CompletionOrder.of(futures, null);
    }

    /**
     * {@link #asCompleted(Collection)} showing a progress bar (see {@link Progress}) that counts the futures
     * as they complete (not as they are taken), counts a future that failed or was cancelled as failed, and
     * ends once every future is done, saying how many failed. The bar belongs to the calling thread (in a
     * notebook: its cell).
     *
     * <pre>{@code
     * for (Iterator<Future<Long>> it = ProcessPoolExecutor.asCompleted(futures, Progress.bar("jobs")); it.hasNext(); ) {
     *     System.out.println(it.next().get());
     * }
     * }</pre>
     *
     * @param futures  futures of any executor
     * @param progress how to show the progress; {@link Progress#none()} for no bar
     * @param <T>      the futures' result type
     * @return an iterator over the same futures, in the order they complete
     * @throws NullPointerException if {@code futures}, one of them or {@code progress} is null
     */
    public static <T> Iterator<Future<T>> asCompleted(Collection<? extends Future<T>> futures, Progress progress) {
        return CompletionOrder.of(futures, Objects.requireNonNull(progress, "progress").openForPool("asCompleted",
                futures.size()));
    }

    /**
     * Submits every task and blocks, with no time limit, until all have completed. Interruptible. If it throws
     * (interrupted, or a later task is refused or cannot be serialized), the tasks it had submitted are
     * cancelled, as {@link java.util.concurrent.AbstractExecutorService#invokeAll} does: queued ones never
     * run, and a running one's result is dropped (it runs to its end in its worker).
     *
     * @param tasks the tasks; each must be Serializable
     * @param <T>   the result type
     * @return their futures, all done, in the order of {@code tasks}
     * @throws InterruptedException       if interrupted while waiting
     * @throws RejectedExecutionException if the executor was shut down or is broken
     * @throws IllegalArgumentException   if a task cannot be serialized
     */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> out = new ArrayList<>();
        try {
            for (Callable<T> t : tasks) out.add(submit(t));
            for (Future<T> f : out) {
                try {
                    f.get();
                } catch (ExecutionException | CancellationException ignored) {
                    // the future holds it
                }
            }
            return out;
        } catch (Throwable t) {
            cancelAll(out);
            throw t;
        }
    }

    /**
     * The caller of an invokeAll that throws never sees the futures, so nobody else could cancel them
     * (AbstractExecutorService does the same).
     */
    private static void cancelAll(List<? extends Future<?>> futures) {
        for (Future<?> f : futures) f.cancel(true);
    }

    /**
     * Submits every task and blocks until all have completed or the timeout elapses; then the unfinished ones
     * are cancelled. Interruptible. If it throws, the tasks it had submitted are cancelled, as with
     * {@link #invokeAll(Collection)}.
     *
     * @param tasks   the tasks; each must be Serializable
     * @param timeout how long to wait at most
     * @param unit    its unit
     * @param <T>     the result type
     * @return their futures, in the order of {@code tasks}; those unfinished at the timeout are cancelled
     * @throws InterruptedException       if interrupted while waiting
     * @throws RejectedExecutionException if the executor was shut down or is broken
     * @throws IllegalArgumentException   if a task cannot be serialized
     * @throws NullPointerException       if {@code unit} is null
     */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = Blocking.deadline(timeout, unit);
        List<Future<T>> out = new ArrayList<>();
        try {
            for (Callable<T> t : tasks) out.add(submit(t));
            for (Future<T> f : out) {
                try {
                    f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException ignored) {
                    // the future holds it
                } catch (TimeoutException e) {
                    cancelAll(out);
                    break;
                }
            }
            return out;
        } catch (Throwable t) {
            cancelAll(out);
            throw t;
        }
    }

    /**
     * Submits every task and blocks, with no time limit, until one completes successfully; then cancels the
     * rest. Interruptible (the tasks are then cancelled).
     *
     * @param tasks the tasks; each must be Serializable
     * @param <T>   the result type
     * @return the result of one that completed successfully
     * @throws InterruptedException       if interrupted while waiting
     * @throws ExecutionException         if none completed successfully (the last failure)
     * @throws IllegalArgumentException   if {@code tasks} is empty, or a task cannot be serialized
     * @throws RejectedExecutionException if the executor was shut down or is broken
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot happen without a time limit", e);
        }
    }

    /**
     * Submits every task and blocks until one completes successfully or the timeout elapses; then cancels the
     * rest. Interruptible (the tasks are then cancelled).
     *
     * @param tasks   the tasks; each must be Serializable
     * @param timeout how long to wait at most
     * @param unit    its unit
     * @param <T>     the result type
     * @return the result of one that completed successfully
     * @throws InterruptedException       if interrupted while waiting
     * @throws ExecutionException         if none completed successfully (the last failure)
     * @throws TimeoutException           if none completed successfully in time
     * @throws IllegalArgumentException   if {@code tasks} is empty, or a task cannot be serialized
     * @throws RejectedExecutionException if the executor was shut down or is broken
     * @throws NullPointerException       if {@code unit} is null
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) throw new IllegalArgumentException("no tasks");
        long deadline = Blocking.deadline(timeout, unit);
        LinkedBlockingQueue<Future<T>> done = new LinkedBlockingQueue<>();
        List<Future<T>> futures = new ArrayList<>();
        try {
            for (Callable<T> t : tasks) {
                Future<T> f = submit(t);
                futures.add(f);
                ((TaskFuture<T>) f).future.whenComplete((v, e) -> done.add(f));
            }
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                Future<T> f = deadline == Long.MAX_VALUE ? done.take()
                        : done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (f == null) throw new TimeoutException("no task finished successfully in time");
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            for (Future<T> f : futures) f.cancel(true);
        }
    }

    /**
     * No new tasks; the workers exit once the submitted ones are done. Returns at once. Idempotent.
     */
    @Override
    public void shutdown() {
        backend.close();
    }

    /**
     * Stops the workers now (SIGTERM); pending and running tasks' futures fail with a CancellationException.
     * Returns at once, without waiting for the workers to exit.
     *
     * @return an empty list: the tasks that never ran are failed through their futures instead
     */
    @Override
    public List<Runnable> shutdownNow() {
        backend.terminate();
        return List.of();
    }

    /**
     * Tells whether {@link #shutdown()} or {@link #shutdownNow()} was called, or the executor broke.
     *
     * @return whether the executor accepts no more tasks
     */
    @Override
    public boolean isShutdown() {
        return backend.isShutdown();
    }

    /**
     * Tells whether every worker has exited after a shutdown.
     *
     * @return whether the executor has terminated
     */
    @Override
    public boolean isTerminated() {
        return backend.isTerminated();
    }

    /**
     * Blocks until every worker has exited after a shutdown, or the timeout elapses. Interruptible. Without a
     * shutdown it simply waits out the timeout.
     *
     * @param timeout how long to wait at most
     * @param unit    its unit
     * @return {@code true} if the executor terminated, {@code false} if the time ran out first
     * @throws InterruptedException if interrupted while waiting
     * @throws NullPointerException if {@code unit} is null
     */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return backend.awaitTermination(unit.toNanos(timeout));
    }

    /**
     * {@link #shutdown()}, then waits until the workers have exited (the JDK 19+ {@code ExecutorService.close}
     * contract); if interrupted while waiting, {@link #shutdownNow()} and the interrupt status is kept. Blocks
     * with no time limit until the workers have exited; never throws {@link InterruptedException}.
     */
    @Override
    public void close() {
        shutdown();
        boolean interrupted = false;
        while (!isTerminated()) {
            try {
                awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                if (!interrupted) shutdownNow();
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * Returns the executor's size, as given to the constructor.
     *
     * @return how many workers this executor runs
     */
    public int maxWorkers() {
        return size;
    }

    /**
     * Returns the worker processes alive now. Does not block (beyond the executor's lock).
     *
     * @return the worker processes alive now; a new list, a snapshot
     */
    public List<ChildProcess> workers() {
        return backend.workers();
    }

    /** A task as the one-argument function the backend runs. */
    private record CallTask<T>(Call<T> task) implements Fn<Object, T> {
        @Override
        public T apply(Object ignored) throws Exception {
            return task.call();
        }
    }
}
