package io.procbook.mp;

/**
 * The keyword arguments of Python's {@code Pool(processes, initializer, maxtasksperchild)} as named withers,
 * for {@link Pool#Pool(PoolOptions)}:
 *
 * <pre>{@code
 * var pool = new Pool(Pool.options().processes(2).initializer(() -> init()).maxTasksPerChild(2));
 * }</pre>
 *
 * <p>Unset values keep Python's defaults: {@link Process#cpuCount()} processes, no initializer, workers never
 * replaced. Each wither checks its argument at once and returns a new value; an instance never changes, so one
 * can be kept and reused for several pools, and is safe to share between threads.
 */
public final class PoolOptions {

    private static final PoolOptions DEFAULTS = new PoolOptions(WorkerSettings.DEFAULTS);

    private final WorkerSettings settings;

    private PoolOptions(WorkerSettings settings) {
        this.settings = settings;
    }

    /** The defaults, as {@link Pool#options()} returns them. */
    static PoolOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Sets the number of worker processes (Python's {@code processes}).
     *
     * @param n how many workers
     * @return options with this number of workers and the other values of these
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public PoolOptions processes(int n) {
        return new PoolOptions(settings.withWorkers("processes", n));
    }

    /**
     * Sets a task that each worker runs once, before its first task (Python's {@code initializer}; its
     * {@code initargs} are the lambda's captured variables). If it throws, the pool breaks: queued tasks fail
     * with a {@link TaskFailedException} whose cause is a {@link BrokenProcessPoolException}, and later
     * submissions throw that exception.
     *
     * @param task what each worker runs first; it is serialized when the pool starts
     * @return options with this initializer and the other values of these
     * @throws NullPointerException if {@code task} is null
     */
    public PoolOptions initializer(Task task) {
        return new PoolOptions(settings.withInitializer(task));
    }

    /**
     * Sets how many tasks a worker runs before it is replaced by a new process (Python's
     * {@code maxtasksperchild}); a map counts one task per chunk.
     *
     * @param n tasks per worker; 0 for never replacing a worker (the default)
     * @return options with this limit and the other values of these
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public PoolOptions maxTasksPerChild(int n) {
        return new PoolOptions(settings.withMaxTasksPerChild(n));
    }

    /**
     * Returns the number of workers.
     *
     * @return the number of workers set, or {@link Process#cpuCount()} if none was
     */
    public int processes() {
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
        return settings.describe("PoolOptions", "processes");
    }
}
