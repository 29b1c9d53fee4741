package io.procbook.mp;

import io.procbook.mp.internal.pool.Backend;
import io.procbook.mp.internal.pool.ProcessBackend;
import io.procbook.mp.internal.pool.ResultHandler;
import io.procbook.mp.spi.ChildProcess;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * A pool of worker processes (Python's {@code multiprocessing.Pool}): long-lived child JVMs, started once by
 * the constructor and reused for many tasks. Functions and arguments are sent to the workers; notebook-defined
 * code and notebook variables work in them as for {@link Process}.
 *
 * <p>Tasks: {@link #apply} / {@link #applyAsync} run one call; {@link #map}, {@link #mapAsync},
 * {@link #starmap}, {@link #starmapAsync}, {@link #imap} and {@link #imapUnordered} run a function over items,
 * cut into chunks of {@code chunksize} items (by default, as Python, about a quarter of the items per worker
 * divided among the workers: {@code ceil(n / (4 * processes))}; 1 for imap). Given a {@link Progress},
 * {@code map}, {@code starmap}, {@code imap} and {@code imapUnordered} show a live progress bar, counted per
 * chunk: {@code pool.map(f, items, Progress.bar("squares"))}.
 *
 * <p>Python's keyword arguments have Java names: the constructor's in {@link #options()}
 * ({@code new Pool(Pool.options().processes(2).initializer(init).maxTasksPerChild(2))}), {@code callback=} and
 * {@code error_callback=} in {@link #callback(Consumer)} and {@link Callbacks#errorCallback(Consumer)}
 * ({@code pool.mapAsync(f, items, Pool.callback(list -> show(list)).errorCallback(e -> log(e)))}), and the
 * common forms are overloads ({@code pool.applyAsync(task, result -> show(result))}). Timeouts are
 * {@link java.time.Duration}s: {@code result.get(Duration.ofSeconds(10))}.
 *
 * <p>Notebook variables: a worker takes its copy of a notebook variable when it first runs code that uses it
 * and keeps it, as Python's forked workers keep the state they were forked with; a worker started later
 * (a replacement) takes the values of that moment.
 *
 * <p>Shared objects (a {@link Queue}, a {@link Connection}...) that reach the workers in a function, an item or
 * a notebook variable are the workers' copies until the pool has ended, as a forked worker's inherited
 * descriptors are: a pipe end sent this way counts as open until then, and this process's own
 * {@code close()} of the object does not take the workers' copies away.
 *
 * <p>Callbacks run in this (the parent) process on the pool's one result-handler thread, in the order the
 * results complete, once per task (for a map, once with the whole list); a result with a callback is ready once
 * its callback has returned, and {@link #join()} returns once every callback has run. Everything a task printed before it
 * returned has been printed before its callback runs, and before {@code get()} or {@code map} return.
 * Under the kernel, a task's output lands in the cell that submitted it, and a callback's in the cell that
 * registered it, even when the pool was made in an earlier cell.
 *
 * <p>Failures never hang: a task's exception fails only that task and comes out of {@code get()} as a
 * {@link TaskFailedException} whose cause is the task's exception with the worker's stack trace; a worker
 * that dies in a task (killed, out of memory, {@code System.exit}) fails that task with a
 * {@link WorkerDiedException} ("worker died (exit code N)"), is replaced, and the pool goes on; a result that
 * cannot be serialized fails its task saying so. If the workers are terminated from outside (the kernel
 * interrupting the cell that made the pool), the pool terminates: pending tasks fail with a
 * {@link CancellationException}.
 *
 * <p>Ending: {@link #close()} accepts no more tasks and lets the workers exit once the queued ones are done;
 * {@link #terminate()} stops them now; {@link #join()} waits for the workers to exit. Note on
 * try-with-resources: Python's {@code with Pool() as p:} terminates the pool at the end of the block, but in
 * Java {@code close()} is also Python's {@code close()} (Python programs call {@code close(); join()} and
 * expect queued tasks to finish), so a try-with-resources block ends by letting queued tasks finish in the
 * background; call {@link #terminate()} for Python's {@code with} behaviour.
 *
 * <p>Waiting: the blocking methods ({@link #apply}, {@link #map}, {@link #starmap}, {@link #join}, and the
 * {@code get} of the results) wait without a time limit and are interruptible: an interrupt makes them throw
 * {@link UncheckedInterruptedException} with the interrupt flag set again, and the tasks go on. Submitting
 * does not wait for tasks; it serializes the function and the items in the calling thread first.
 *
 * <p>Thread-safe: any thread may submit tasks and wait for results. A pool belongs to the process that made
 * it: it is not Serializable, so it cannot be sent to a child (a child can make its own pool). If this process
 * dies, its workers, being its children, end within about a second.
 */
public class Pool implements AutoCloseable {

    /** What a call without callbacks uses: its result is ready as soon as the task is done. */
    private static final Callbacks<Object> NO_CALLBACKS = Callbacks.none();

    private final Backend backend;
    private final ResultHandler handler;
    private final int size;
    /** Turns calls into chunks for the backend and the chunks' results into results for the caller. */
    private final PoolJobs jobs;

    /**
     * Starts a pool with {@link Process#cpuCount()} workers, as {@link #Pool(PoolOptions)} does.
     *
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started
     */
    public Pool() {
        this(options());
    }

    /**
     * Starts a pool of {@code processes} workers, as {@link #Pool(PoolOptions)} does.
     *
     * @param processes how many workers
     * @throws IllegalArgumentException     if {@code processes < 1}
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started
     */
    public Pool(int processes) {
        this(options().processes(processes));
    }

    /**
     * Starts a pool of {@code processes} workers, each running {@code initializer} first, as
     * {@link #Pool(PoolOptions)} does.
     *
     * @param processes   how many workers
     * @param initializer run once in each worker before its first task
     * @throws IllegalArgumentException     if {@code processes < 1}, or the initializer cannot be serialized
     * @throws NullPointerException         if {@code initializer} is null
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started
     */
    public Pool(int processes, Task initializer) {
        this(options().processes(processes).initializer(initializer));
    }

    /**
     * Starts the worker processes that {@code options} describe (Python's
     * {@code Pool(processes, initializer, maxtasksperchild)}) and blocks until they are running:
     *
     * <pre>{@code var pool = new Pool(Pool.options().processes(2).initializer(() -> init()).maxTasksPerChild(2));}</pre>
     *
     * <p>Each worker starts from a pre-started JVM when one is ready, else a new JVM (~100 ms); they are
     * launched side by side. The wait is not interruptible: an interrupt is remembered, the constructor goes on
     * until every worker is known, and returns (or throws) with the interrupt flag set again.
     *
     * @param options the number of workers, the initializer and the tasks per worker; see {@link PoolOptions}
     * @throws IllegalArgumentException     if the initializer cannot be serialized
     * @throws NullPointerException         if {@code options} is null
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started (the workers that did start are
     *                                      sent SIGTERM)
     */
    public Pool(PoolOptions options) {
        this.size = options.processes();
        this.handler = new ResultHandler("Pool-result-handler");
        this.backend = new ProcessBackend(size, options.initializer(), options.maxTasksPerChild(), false, handler,
                "Pool");
        this.jobs = new PoolJobs(backend, handler, size);
    }

    /**
     * Starts a pool as {@link #Pool(PoolOptions)} does.
     *
     * @param processes        how many workers
     * @param initializer      run once in each worker before its first task, or {@code null}
     * @param maxTasksPerChild a worker is replaced by a new process after this many tasks (chunks); 0 for never
     * @throws IllegalArgumentException     if {@code processes < 1} or {@code maxTasksPerChild < 0}, or the
     *                                      initializer cannot be serialized
     * @throws java.io.UncheckedIOException if a worker JVM cannot be started
     * @deprecated which number is which is not visible at the call: use
     *             {@code new Pool(Pool.options().processes(n).initializer(init).maxTasksPerChild(m))}
     */
    @Deprecated
    public Pool(int processes, Task initializer, int maxTasksPerChild) {
        this(initializer == null ? options().processes(processes).maxTasksPerChild(maxTasksPerChild)
                : options().processes(processes).initializer(initializer).maxTasksPerChild(maxTasksPerChild));
    }

    /**
     * Returns the default pool options, to be changed by their named withers and passed to
     * {@link #Pool(PoolOptions)}: {@code Pool.options().processes(2).maxTasksPerChild(2)}.
     *
     * @return {@link Process#cpuCount()} processes, no initializer, workers never replaced
     */
    public static PoolOptions options() {
        return PoolOptions.defaults();
    }

    /**
     * Returns callbacks that run {@code callback} with the result (Python's {@code callback=}), for
     * {@link #applyAsync(Call, Callbacks)}, {@link #mapAsync(Fn, Iterable, Callbacks)} and
     * {@link #starmapAsync(Fn2, Iterable, Callbacks)}; add an error callback with
     * {@link Callbacks#errorCallback(Consumer)}:
     *
     * <pre>{@code pool.mapAsync(fn, items, Pool.callback(list -> show(list)).errorCallback(e -> log(e)));}</pre>
     *
     * @param callback run in this process with the result
     * @param <R>      the result type
     * @return callbacks with this result callback
     * @throws NullPointerException if {@code callback} is null
     */
    public static <R> Callbacks<R> callback(Consumer<? super R> callback) {
        return Callbacks.onResult(callback);
    }

    /**
     * Returns callbacks that run {@code errorCallback} with the failure (Python's {@code error_callback=});
     * see {@link #callback(Consumer)}.
     *
     * @param errorCallback run in this process with the failure
     * @param <R>           the result type
     * @return callbacks with only an error callback
     * @throws NullPointerException if {@code errorCallback} is null
     */
    public static <R> Callbacks<R> errorCallback(Consumer<? super Throwable> errorCallback) {
        return Callbacks.onError(errorCallback);
    }

    /** For {@link ThreadPool}: a pool over another backend. */
    Pool(int size, Backend backend, ResultHandler handler) {
        this.size = size;
        this.backend = backend;
        this.handler = handler;
        this.jobs = new PoolJobs(backend, handler, size);
    }

    /**
     * Runs {@code task} in a worker and blocks until it returns (Python's {@code apply}). The wait has no
     * time limit and is interruptible.
     *
     * @param task what to run
     * @param <R>  the result type
     * @return its result
     * @throws TaskFailedException           if it failed (the cause is what it threw, or a
     *                                       {@link WorkerDiedException} if its worker died)
     * @throws CancellationException if the pool was terminated before the task finished
     * @throws IllegalStateException         if the pool was closed or terminated ({@link BrokenProcessPoolException}
     *                                       if it is broken)
     * @throws IllegalArgumentException      if the task cannot be sent to a worker
     * @throws UncheckedInterruptedException if interrupted while waiting (the task goes on)
     */
    public <R> R apply(Call<R> task) {
        return applyAsync(task).get();
    }

    /**
     * Runs {@code fn(arg)} in a worker and blocks until it returns (Python's {@code apply(fn, (arg,))}). The wait
     * has no time limit and is interruptible.
     *
     * @param fn  the function
     * @param arg its argument; must be Serializable (a ThreadPool uses it as it is)
     * @param <T> the argument type
     * @param <R> the result type
     * @return {@code fn(arg)}
     * @throws TaskFailedException           if it failed
     * @throws CancellationException if the pool was terminated before the task finished
     * @throws IllegalStateException         if the pool was closed, terminated or broken
     * @throws IllegalArgumentException      if {@code fn} or {@code arg} cannot be sent to a worker
     * @throws UncheckedInterruptedException if interrupted while waiting (the task goes on)
     * @see #apply(Call)
     */
    public <T, R> R apply(Fn<T, R> fn, T arg) {
        return applyAsync(fn, arg).get();
    }

    /**
     * Runs {@code task} in a worker without waiting for it (Python's {@code apply_async}).
     *
     * @param task what to run
     * @param <R>  the result type
     * @return the pending result
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if the task cannot be sent to a worker
     * @throws NullPointerException     if {@code task} is null
     */
    public <R> AsyncResult<R> applyAsync(Call<R> task) {
        return applyAsync(task, NO_CALLBACKS);
    }

    /**
     * Runs {@code task} in a worker without waiting for it, and {@code callback} in this process with its
     * result (Python's {@code apply_async(task, callback=callback)}); see {@link #applyAsync(Fn, Object,
     * Callbacks)} for when the callback runs.
     *
     * <pre>{@code pool.applyAsync(() -> foo(n), result -> bar(result));}</pre>
     *
     * @param task     what to run
     * @param callback run in this process with the result
     * @param <R>      the result type
     * @return the pending result
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if the task cannot be sent to a worker
     * @throws NullPointerException     if {@code task} or {@code callback} is null
     */
    public <R> AsyncResult<R> applyAsync(Call<R> task, Consumer<? super R> callback) {
        return applyAsync(task, Callbacks.onResult(callback));
    }

    /**
     * Runs {@code task} in a worker with callbacks, without waiting for it (Python's
     * {@code apply_async(task, callback=..., error_callback=...)}); see {@link #applyAsync(Fn, Object,
     * Callbacks)} for when the callbacks run.
     *
     * <pre>{@code pool.applyAsync(() -> risky(), Pool.callback(r -> show(r)).errorCallback(e -> log(e)));}</pre>
     *
     * @param task      what to run
     * @param callbacks what runs in this process with the result or the failure
     * @param <R>       the result type
     * @return the pending result
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if the task cannot be sent to a worker
     * @throws NullPointerException     if {@code task} or {@code callbacks} is null
     */
    public <R> AsyncResult<R> applyAsync(Call<R> task, Callbacks<? super R> callbacks) {
        return jobs.one(PoolJobs.call(task), null, callbacks);
    }

    /**
     * Runs {@code task} in a worker with callbacks, as {@link #applyAsync(Call, Callbacks)} does.
     *
     * @param task          what to run
     * @param callback      run in this process with the result, or {@code null}
     * @param errorCallback run in this process with the failure, or {@code null}
     * @param <R>           the result type
     * @return the pending result
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if the task cannot be sent to a worker
     * @deprecated a {@code null} placeholder hides which callback is which: use
     *             {@link #applyAsync(Call, Consumer)} or {@link #applyAsync(Call, Callbacks)}
     */
    @Deprecated
    public <R> AsyncResult<R> applyAsync(Call<R> task, Consumer<? super R> callback,
                                         Consumer<? super Throwable> errorCallback) {
        return applyAsync(task, Callbacks.of(callback, errorCallback));
    }

    /**
     * Runs {@code fn(arg)} in a worker without waiting for it (Python's {@code apply_async(fn, (arg,))}).
     *
     * @param fn  the function
     * @param arg its argument; must be Serializable (a ThreadPool uses it as it is)
     * @param <T> the argument type
     * @param <R> the result type
     * @return the pending result
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if {@code fn} or {@code arg} cannot be sent to a worker
     */
    public <T, R> AsyncResult<R> applyAsync(Fn<T, R> fn, T arg) {
        return applyAsync(fn, arg, NO_CALLBACKS);
    }

    /**
     * Runs {@code fn(arg)} in a worker without waiting for it. The callbacks run on the pool's result-handler
     * thread (see the class comment); one that throws has its stack trace printed to {@code System.err} and
     * does not stop the pool. As in Python, the result counts as ready ({@code get()} returns) once its callback
     * has returned, so a callback must not wait for another result of this pool that has a callback: they run
     * one at a time on that one thread. The error callback gets the task's exception, a
     * {@link WorkerDiedException}, a {@link CancellationException} if the pool was
     * terminated, and so on.
     *
     * @param fn        the function
     * @param arg       its argument
     * @param callbacks what runs in this process with the result or the failure
     * @param <T>       the argument type
     * @param <R>       the result type
     * @return the pending result
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if {@code fn} or {@code arg} cannot be sent to a worker
     * @throws NullPointerException     if {@code fn} or {@code callbacks} is null
     */
    public <T, R> AsyncResult<R> applyAsync(Fn<T, R> fn, T arg, Callbacks<? super R> callbacks) {
        return jobs.one(Objects.requireNonNull(fn, "fn"), arg, callbacks);
    }

    /**
     * Runs {@code fn(arg)} in a worker with callbacks, as {@link #applyAsync(Fn, Object, Callbacks)} does.
     *
     * @param fn            the function
     * @param arg           its argument
     * @param callback      run in this process with the result, or {@code null}
     * @param errorCallback run in this process with the failure, or {@code null}
     * @param <T>           the argument type
     * @param <R>           the result type
     * @return the pending result
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if {@code fn} or {@code arg} cannot be sent to a worker
     * @deprecated a {@code null} placeholder hides which callback is which: use
     *             {@link #applyAsync(Fn, Object, Callbacks)}
     */
    @Deprecated
    public <T, R> AsyncResult<R> applyAsync(Fn<T, R> fn, T arg, Consumer<? super R> callback,
                                            Consumer<? super Throwable> errorCallback) {
        return applyAsync(fn, arg, Callbacks.of(callback, errorCallback));
    }

    /**
     * Applies {@code fn} to every item in workers, in chunks of the default size, and blocks until all are
     * done (Python's {@code map}). The wait has no time limit and is interruptible.
     *
     * @param fn    the function
     * @param items its arguments; a {@code List} is read, not copied, before this method starts waiting
     * @param <T>   the item type
     * @param <R>   the result type
     * @return the results, in item order (a fixed-size list)
     * @throws TaskFailedException           if a task failed (the first failure)
     * @throws CancellationException if the pool was terminated before all were done
     * @throws IllegalStateException         if the pool was closed, terminated or broken
     * @throws IllegalArgumentException      if {@code fn} or an item cannot be sent to a worker
     * @throws UncheckedInterruptedException if interrupted while waiting (the tasks go on)
     * @throws NullPointerException          if {@code items} is null
     */
    public <T, R> List<R> map(Fn<T, R> fn, Iterable<? extends T> items) {
        return mapAsync(fn, items).get();
    }

    /**
     * Applies {@code fn} to every item as {@link #map(Fn, Iterable)} does, cut into chunks of
     * {@code chunksize} items.
     *
     * @param fn        the function
     * @param items     its arguments
     * @param chunksize items per chunk; 0 for the default
     * @param <T>       the item type
     * @param <R>       the result type
     * @return the results, in item order
     * @throws TaskFailedException           if a task failed (the first failure)
     * @throws CancellationException if the pool was terminated before all were done
     * @throws IllegalStateException         if the pool was closed, terminated or broken
     * @throws IllegalArgumentException      if {@code chunksize < 0}, or {@code fn} or an item cannot be sent
     * @throws UncheckedInterruptedException if interrupted while waiting (the tasks go on)
     * @throws NullPointerException          if {@code items} is null
     */
    public <T, R> List<R> map(Fn<T, R> fn, Iterable<? extends T> items, int chunksize) {
        return mapAsync(fn, items, chunksize).get();
    }

    /**
     * Applies {@code fn} to every item as {@link #map(Fn, Iterable)} does, showing a progress bar (see
     * {@link Progress}) that counts each chunk as it finishes and ends with the map: 100 % with the total time,
     * or "FAILED" with the first failure. The bar belongs to the calling thread (in a notebook: its cell).
     *
     * <pre>{@code List<Integer> squares = pool.map(x -> x * x, items, Progress.bar("squares"));}</pre>
     *
     * @param fn       the function
     * @param items    its arguments
     * @param progress how to show the progress; {@link Progress#none()} for no bar
     * @param <T>      the item type
     * @param <R>      the result type
     * @return the results, in item order
     * @throws TaskFailedException           if a task failed (the first failure)
     * @throws CancellationException if the pool was terminated before all were done
     * @throws IllegalStateException         if the pool was closed, terminated or broken (no bar is shown)
     * @throws IllegalArgumentException      if {@code fn} or an item cannot be sent to a worker (no bar is
     *                                       shown)
     * @throws UncheckedInterruptedException if interrupted while waiting (the tasks go on, and so does the bar)
     * @throws NullPointerException          if {@code items} or {@code progress} is null
     */
    public <T, R> List<R> map(Fn<T, R> fn, Iterable<? extends T> items, Progress progress) {
        return jobs.showing(fn, items, progress, "map");
    }

    /**
     * Applies {@code fn} to every item as {@link #map(Fn, Iterable)} does, without waiting (Python's
     * {@code map_async}).
     *
     * @param fn    the function
     * @param items its arguments
     * @param <T>   the item type
     * @param <R>   the result type
     * @return the pending list of results
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if {@code fn} or an item cannot be sent to a worker
     * @throws NullPointerException     if {@code items} is null
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<T, R> fn, Iterable<? extends T> items) {
        return mapAsync(fn, items, 0, NO_CALLBACKS);
    }

    /**
     * Applies {@code fn} to every item as {@link #mapAsync(Fn, Iterable)} does, cut into chunks of
     * {@code chunksize} items (Python's {@code map_async(fn, items, chunksize)}).
     *
     * @param fn        the function
     * @param items     its arguments
     * @param chunksize items per chunk; 0 for the default
     * @param <T>       the item type
     * @param <R>       the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if {@code chunksize < 0}, or something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code items} is null
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<T, R> fn, Iterable<? extends T> items, int chunksize) {
        return mapAsync(fn, items, chunksize, NO_CALLBACKS);
    }

    /**
     * Applies {@code fn} to every item as {@link #mapAsync(Fn, Iterable)} does, with callbacks that get the
     * whole list or the first failure (Python's {@code map_async(fn, items, callback=..., error_callback=...)}):
     *
     * <pre>{@code pool.mapAsync(x -> x * x, items, Pool.callback(list -> whole.complete(list)));}</pre>
     *
     * @param fn        the function
     * @param items     its arguments
     * @param callbacks what runs in this process with the list of results or the first failure
     * @param <T>       the item type
     * @param <R>       the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code items} or {@code callbacks} is null
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<T, R> fn, Iterable<? extends T> items,
                                                Callbacks<? super List<R>> callbacks) {
        return mapAsync(fn, items, 0, callbacks);
    }

    /**
     * Applies {@code fn} to every item in workers without waiting for them. With no items, the result is
     * an empty list, already complete (but a closed pool still refuses). The callbacks run as for
     * {@link #applyAsync(Fn, Object, Callbacks)}: the result callback once, with the whole list; the error
     * callback with the first failure.
     *
     * @param fn        the function
     * @param items     its arguments; a {@code List} is read, not copied, before this method returns
     * @param chunksize items per chunk; 0 for the default
     * @param callbacks what runs in this process with the list of results or the first failure
     * @param <T>       the item type
     * @param <R>       the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if {@code chunksize < 0}, or something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code items} or {@code callbacks} is null
     */
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<T, R> fn, Iterable<? extends T> items, int chunksize,
                                                Callbacks<? super List<R>> callbacks) {
        return jobs.all(fn, items, chunksize, callbacks);
    }

    /**
     * Applies {@code fn} to every item with callbacks, as {@link #mapAsync(Fn, Iterable, int, Callbacks)} does.
     *
     * @param fn            the function
     * @param items         its arguments
     * @param chunksize     items per chunk; 0 for the default
     * @param callback      run in this process once, with the whole result list, or {@code null}
     * @param errorCallback run in this process with the first failure, or {@code null}
     * @param <T>           the item type
     * @param <R>           the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if {@code chunksize < 0}, or something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code items} is null
     * @deprecated {@code 0} and {@code null} placeholders hide which argument is which: use
     *             {@link #mapAsync(Fn, Iterable, Callbacks)} or {@link #mapAsync(Fn, Iterable, int, Callbacks)}
     */
    @Deprecated
    public <T, R> AsyncResult<List<R>> mapAsync(Fn<T, R> fn, Iterable<? extends T> items, int chunksize,
                                                Consumer<? super List<R>> callback,
                                                Consumer<? super Throwable> errorCallback) {
        return mapAsync(fn, items, chunksize, Callbacks.of(callback, errorCallback));
    }

    /**
     * Applies a two-argument function to each pair of arguments (Python's {@code starmap}): {@code args} holds
     * one list of two arguments per task. Blocks until all are done; the wait has no time limit and is
     * interruptible.
     *
     * @param fn   the function
     * @param args one list of two arguments per task
     * @param <T>  the argument type
     * @param <R>  the result type
     * @return the results, in task order
     * @throws IllegalArgumentException      if an argument list does not hold exactly two arguments (nothing was
     *                                       submitted), or something cannot be sent to a worker
     * @throws TaskFailedException           if a task failed (the first failure)
     * @throws CancellationException if the pool was terminated before all were done
     * @throws IllegalStateException         if the pool was closed, terminated or broken
     * @throws UncheckedInterruptedException if interrupted while waiting (the tasks go on)
     * @throws NullPointerException          if {@code args} or one of its lists is null
     * @see #map(Fn, Iterable)
     */
    public <T, R> List<R> starmap(Fn2<T, T, R> fn, Iterable<? extends List<? extends T>> args) {
        return starmapAsync(fn, args).get();
    }

    /**
     * {@link #starmap(Fn2, Iterable)} with a chunk size.
     *
     * @param fn        the function
     * @param args      one list of two arguments per task
     * @param chunksize tasks per chunk; 0 for the default
     * @param <T>       the argument type
     * @param <R>       the result type
     * @return the results, in task order
     * @throws IllegalArgumentException      if {@code chunksize < 0}, an argument list does not hold exactly
     *                                       two arguments, or something cannot be sent to a worker
     * @throws TaskFailedException           if a task failed (the first failure)
     * @throws CancellationException if the pool was terminated before all were done
     * @throws IllegalStateException         if the pool was closed, terminated or broken
     * @throws UncheckedInterruptedException if interrupted while waiting (the tasks go on)
     * @throws NullPointerException          if {@code args} or one of its lists is null
     */
    public <T, R> List<R> starmap(Fn2<T, T, R> fn, Iterable<? extends List<? extends T>> args, int chunksize) {
        return starmapAsync(fn, args, chunksize).get();
    }

    /**
     * {@link #starmap(Fn2, Iterable)} showing a progress bar, as {@link #map(Fn, Iterable, Progress)} does.
     *
     * @param fn       the function
     * @param args     one list of two arguments per task
     * @param progress how to show the progress; {@link Progress#none()} for no bar
     * @param <T>      the argument type
     * @param <R>      the result type
     * @return the results, in task order
     * @throws IllegalArgumentException      if an argument list does not hold exactly two arguments, or
     *                                       something cannot be sent to a worker (no bar is shown)
     * @throws TaskFailedException           if a task failed (the first failure)
     * @throws CancellationException if the pool was terminated before all were done
     * @throws IllegalStateException         if the pool was closed, terminated or broken
     * @throws UncheckedInterruptedException if interrupted while waiting (the tasks go on)
     * @throws NullPointerException          if {@code args}, one of its lists or {@code progress} is null
     */
    public <T, R> List<R> starmap(Fn2<T, T, R> fn, Iterable<? extends List<? extends T>> args, Progress progress) {
        return jobs.showing(PoolJobs.star(fn), PoolJobs.pairs(args), progress, "starmap");
    }

    /**
     * {@link #starmap(Fn2, Iterable)} without waiting (Python's {@code starmap_async}).
     *
     * @param fn   the function
     * @param args one list of two arguments per task
     * @param <T>  the argument type
     * @param <R>  the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if an argument list does not hold exactly two arguments, or something
     *                                  cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code args} or one of its lists is null
     */
    public <T, R> AsyncResult<List<R>> starmapAsync(Fn2<T, T, R> fn, Iterable<? extends List<? extends T>> args) {
        return starmapAsync(fn, args, 0, NO_CALLBACKS);
    }

    /**
     * {@link #starmap(Fn2, Iterable)} without waiting, in chunks of {@code chunksize} tasks (Python's
     * {@code starmap_async(fn, args, chunksize)}).
     *
     * @param fn        the function
     * @param args      one list of two arguments per task (copied before this method returns)
     * @param chunksize tasks per chunk; 0 for the default
     * @param <T>       the argument type
     * @param <R>       the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if {@code chunksize < 0}, an argument list does not hold exactly two
     *                                  arguments, or something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code args} or one of its lists is null
     */
    public <T, R> AsyncResult<List<R>> starmapAsync(Fn2<T, T, R> fn, Iterable<? extends List<? extends T>> args,
                                                    int chunksize) {
        return starmapAsync(fn, args, chunksize, NO_CALLBACKS);
    }

    /**
     * {@link #starmap(Fn2, Iterable)} without waiting, with callbacks as
     * {@link #mapAsync(Fn, Iterable, Callbacks)} (Python's {@code starmap_async(fn, args, callback=...)}).
     *
     * @param fn        the function
     * @param args      one list of two arguments per task (copied before this method returns)
     * @param callbacks what runs in this process with the list of results or the first failure
     * @param <T>       the argument type
     * @param <R>       the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if an argument list does not hold exactly two arguments, or something
     *                                  cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code args}, one of its lists, or {@code callbacks} is null
     */
    public <T, R> AsyncResult<List<R>> starmapAsync(Fn2<T, T, R> fn, Iterable<? extends List<? extends T>> args,
                                                    Callbacks<? super List<R>> callbacks) {
        return starmapAsync(fn, args, 0, callbacks);
    }

    /**
     * {@link #starmap(Fn2, Iterable)} without waiting, with a chunk size and callbacks as
     * {@link #mapAsync(Fn, Iterable, int, Callbacks)}.
     *
     * @param fn        the function
     * @param args      one list of two arguments per task (copied before this method returns)
     * @param chunksize tasks per chunk; 0 for the default
     * @param callbacks what runs in this process with the list of results or the first failure
     * @param <T>       the argument type
     * @param <R>       the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if {@code chunksize < 0}, an argument list does not hold exactly two
     *                                  arguments, or something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code args}, one of its lists, or {@code callbacks} is null
     */
    public <T, R> AsyncResult<List<R>> starmapAsync(Fn2<T, T, R> fn, Iterable<? extends List<? extends T>> args,
                                                    int chunksize, Callbacks<? super List<R>> callbacks) {
        return mapAsync(PoolJobs.star(fn), PoolJobs.pairs(args), chunksize, callbacks);
    }

    /**
     * {@link #starmap(Fn2, Iterable)} without waiting, with callbacks, as
     * {@link #starmapAsync(Fn2, Iterable, int, Callbacks)} does.
     *
     * @param fn            the function
     * @param args          one list of two arguments per task (copied before this method returns)
     * @param chunksize     tasks per chunk; 0 for the default
     * @param callback      run in this process once, with the whole result list, or {@code null}
     * @param errorCallback run in this process with the first failure, or {@code null}
     * @param <T>           the argument type
     * @param <R>           the result type
     * @return the pending list of results
     * @throws IllegalArgumentException if {@code chunksize < 0}, an argument list does not hold exactly two
     *                                  arguments, or something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code args} or one of its lists is null
     * @deprecated {@code 0} and {@code null} placeholders hide which argument is which: use
     *             {@link #starmapAsync(Fn2, Iterable, Callbacks)} or
     *             {@link #starmapAsync(Fn2, Iterable, int, Callbacks)}
     */
    @Deprecated
    public <T, R> AsyncResult<List<R>> starmapAsync(Fn2<T, T, R> fn, Iterable<? extends List<? extends T>> args,
                                                    int chunksize, Consumer<? super List<R>> callback,
                                                    Consumer<? super Throwable> errorCallback) {
        return starmapAsync(fn, args, chunksize, Callbacks.of(callback, errorCallback));
    }

    /**
     * Applies {@code fn} to every item in workers; returns an iterator over the results in item order, each
     * available as soon as it (and those before it) finished. Chunk size 1. Does not wait for the tasks; the
     * iterator's {@code next} does.
     *
     * @param fn    the function
     * @param items its arguments
     * @param <T>   the item type
     * @param <R>   the result type
     * @return an iterator over the results in item order
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if something cannot be sent to a worker
     * @throws NullPointerException     if {@code items} is null
     */
    public <T, R> PoolIterator<R> imap(Fn<T, R> fn, Iterable<? extends T> items) {
        return imap(fn, items, 1);
    }

    /**
     * {@link #imap(Fn, Iterable)} with a chunk size.
     *
     * @param fn        the function
     * @param items     its arguments
     * @param chunksize items per chunk, at least 1
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an iterator over the results in item order
     * @throws IllegalArgumentException if {@code chunksize < 1}, or something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code items} is null
     */
    public <T, R> PoolIterator<R> imap(Fn<T, R> fn, Iterable<? extends T> items, int chunksize) {
        return jobs.iterate(fn, items, chunksize, true, null, null);
    }

    /**
     * {@link #imap(Fn, Iterable)} showing a progress bar (see {@link Progress}) that counts the results as
     * they finish (not as they are consumed), goes on past failed items and ends once every result is in,
     * saying how many failed. The bar belongs to the calling thread (in a notebook: its cell).
     *
     * @param fn       the function
     * @param items    its arguments
     * @param progress how to show the progress; {@link Progress#none()} for no bar
     * @param <T>      the item type
     * @param <R>      the result type
     * @return an iterator over the results in item order
     * @throws IllegalStateException    if the pool was closed, terminated or broken (no bar is shown)
     * @throws IllegalArgumentException if something cannot be sent to a worker (no bar is shown)
     * @throws NullPointerException     if {@code items} or {@code progress} is null
     */
    public <T, R> PoolIterator<R> imap(Fn<T, R> fn, Iterable<? extends T> items, Progress progress) {
        return jobs.iterate(fn, items, 1, true, Objects.requireNonNull(progress, "progress"), "imap");
    }

    /**
     * Like {@link #imap(Fn, Iterable)}, but results come in the order they finish (Python's
     * {@code imap_unordered}).
     *
     * @param fn    the function
     * @param items its arguments
     * @param <T>   the item type
     * @param <R>   the result type
     * @return an iterator over the results in completion order
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws IllegalArgumentException if something cannot be sent to a worker
     * @throws NullPointerException     if {@code items} is null
     */
    public <T, R> PoolIterator<R> imapUnordered(Fn<T, R> fn, Iterable<? extends T> items) {
        return imapUnordered(fn, items, 1);
    }

    /**
     * {@link #imapUnordered(Fn, Iterable)} with a chunk size.
     *
     * @param fn        the function
     * @param items     its arguments
     * @param chunksize items per chunk, at least 1
     * @param <T>       the item type
     * @param <R>       the result type
     * @return an iterator over the results in completion order
     * @throws IllegalArgumentException if {@code chunksize < 1}, or something cannot be sent to a worker
     * @throws IllegalStateException    if the pool was closed, terminated or broken
     * @throws NullPointerException     if {@code items} is null
     */
    public <T, R> PoolIterator<R> imapUnordered(Fn<T, R> fn, Iterable<? extends T> items, int chunksize) {
        return jobs.iterate(fn, items, chunksize, false, null, null);
    }

    /**
     * {@link #imapUnordered(Fn, Iterable)} showing a progress bar, as {@link #imap(Fn, Iterable, Progress)}
     * does.
     *
     * @param fn       the function
     * @param items    its arguments
     * @param progress how to show the progress; {@link Progress#none()} for no bar
     * @param <T>      the item type
     * @param <R>      the result type
     * @return an iterator over the results in completion order
     * @throws IllegalStateException    if the pool was closed, terminated or broken (no bar is shown)
     * @throws IllegalArgumentException if something cannot be sent to a worker (no bar is shown)
     * @throws NullPointerException     if {@code items} or {@code progress} is null
     */
    public <T, R> PoolIterator<R> imapUnordered(Fn<T, R> fn, Iterable<? extends T> items, Progress progress) {
        return jobs.iterate(fn, items, 1, false, Objects.requireNonNull(progress, "progress"), "imapUnordered");
    }

    /**
     * Accepts no more tasks; the workers exit once the queued tasks are done. Returns at once, without
     * waiting for the tasks or the workers ({@link #join()} waits). Idempotent; does nothing after
     * {@link #terminate()}.
     */
    @Override
    public void close() {
        backend.close();
    }

    /**
     * Stops the workers now (SIGTERM). Queued and running tasks fail with a
     * {@link CancellationException}. Returns at once; {@link #join()} waits for the exit.
     * Idempotent; allowed after {@link #close()}.
     */
    public void terminate() {
        backend.terminate();
    }

    /**
     * Blocks until every worker has exited (after {@link #close()}: once the queued tasks are done) and every
     * callback has run, as Python's {@code join} does. The wait has no time limit and is interruptible. A
     * callback that calls it does not wait for itself, nor for the callbacks queued after it.
     *
     * @throws IllegalStateException         if neither {@link #close()} nor {@link #terminate()} was called
     *                                       (as Python's {@code join} before {@code close}), and the pool is not
     *                                       broken
     * @throws UncheckedInterruptedException if interrupted while waiting (its interrupt flag is set again); the
     *                                       workers go on
     */
    public void join() {
        if (!backend.isShutdown()) throw new IllegalStateException(
                "join() before close() or terminate(): the workers would never exit (call close() first)");
        try {
            backend.awaitTermination(Long.MAX_VALUE);
            handler.awaitEnd(); // as Python's join: the callbacks have run, and printed, when it returns
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        }
    }

    /**
     * Returns the pool's size, as given to the constructor.
     *
     * @return how many workers this pool runs
     */
    public int processes() {
        return size;
    }

    /**
     * Returns the worker processes alive now. Does not block (beyond the pool's lock).
     *
     * @return the worker processes alive now (empty for a {@link ThreadPool}); a new list, a snapshot
     */
    public List<ChildProcess> workers() {
        return backend instanceof ProcessBackend p ? p.workers() : List.of();
    }

    /**
     * Returns the thread that runs this pool's callbacks; it ends once the pool has ended.
     *
     * @return the thread that runs this pool's callbacks
     */
    public Thread resultHandlerThread() {
        return handler.thread();
    }
}
