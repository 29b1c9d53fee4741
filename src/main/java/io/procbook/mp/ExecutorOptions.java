package io.procbook.mp;

/**
 * The keyword arguments of Python's {@code ProcessPoolExecutor(max_workers, initializer, max_tasks_per_child)}
 * as named withers, for {@link ProcessPoolExecutor#ProcessPoolExecutor(ExecutorOptions)}:
 *
 * <pre>{@code
 * var executor = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(4).maxTasksPerChild(10));
 * }</pre>
 *
 * <p>Unset values keep Python's defaults: {@link Process#cpuCount()} workers, no initializer, workers never
 * replaced. Each wither checks its argument at once and returns a new value; an instance never changes, so one
 * can be kept and reused for several pools, and is safe to share between threads.
 */
public final class ExecutorOptions {

    private static final ExecutorOptions DEFAULTS = new ExecutorOptions(WorkerSettings.DEFAULTS);

    private final WorkerSettings settings;

    private ExecutorOptions(WorkerSettings settings) {
        this.settings = settings;
    }

    /** The defaults, as {@link ProcessPoolExecutor#options()} returns them. */
    static ExecutorOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Sets the number of worker processes (Python's {@code max_workers}).
     *
     * @param n how many workers
     * @return options with this number of workers and the other values of these
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public ExecutorOptions maxWorkers(int n) {
        return new ExecutorOptions(settings.withWorkers("maxWorkers", n));
    }

    /**
     * Sets a task that each worker runs once, before its first task (Python's {@code initializer}; its
     * {@code initargs} are the lambda's captured variables). If it throws, the executor breaks: pending
     * futures fail with a {@link BrokenProcessPoolException}, and later submissions are rejected.
     *
     * @param task what each worker runs first; it is serialized when the pool starts
     * @return options with this initializer and the other values of these
     * @throws NullPointerException if {@code task} is null
     */
    public ExecutorOptions initializer(Task task) {
        return new ExecutorOptions(settings.withInitializer(task));
    }

    /**
     * Sets how many tasks a worker runs before it is replaced by a new process (Python's
     * {@code max_tasks_per_child}); a map counts one task per chunk.
     *
     * @param n tasks per worker; 0 for never replacing a worker (the default)
     * @return options with this limit and the other values of these
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public ExecutorOptions maxTasksPerChild(int n) {
        return new ExecutorOptions(settings.withMaxTasksPerChild(n));
    }

    /**
     * Returns the number of workers.
     *
     * @return the number of workers set, or {@link Process#cpuCount()} if none was
     */
    public int maxWorkers() {
        return settings.workerCount();
    }

    /**
     * Returns the initializer.
     *
     * @return the initializer set, or {@code null} if none was
     */
    public Task initializer() {
        return settings.initializer();
    }

    /**
     * Returns the number of tasks after which a worker is replaced.
     *
     * @return the limit set, or 0 (never) if none was
     */
    public int maxTasksPerChild() {
        return settings.maxTasksPerChild();
    }

    @Override
    public String toString() {
        return settings.describe("ExecutorOptions", "maxWorkers");
    }
}
