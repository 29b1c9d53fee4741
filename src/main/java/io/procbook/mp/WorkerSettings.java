package io.procbook.mp;

import java.util.Objects;

/**
 * What a pool of worker processes is made with, and the checks of each value: the one implementation behind
 * {@link PoolOptions} and {@link ExecutorOptions}, which name the same three things as Python's {@code Pool} and
 * {@code ProcessPoolExecutor} do. Immutable.
 *
 * @param workers          how many workers; 0 for {@link Process#cpuCount()}
 * @param initializer      run once in each worker before its first task, or {@code null}
 * @param maxTasksPerChild tasks (chunks) after which a worker is replaced; 0 for never
 */
record WorkerSettings(int workers, Task initializer, int maxTasksPerChild) {

    static final WorkerSettings DEFAULTS = new WorkerSettings(0, null, 0);

    /** @throws IllegalArgumentException if {@code n < 1}, naming the value {@code name} as the caller calls it */
    WorkerSettings withWorkers(String name, int n) {
        if (n < 1) throw new IllegalArgumentException(name + " must be at least 1, not " + n);
        return new WorkerSettings(n, initializer, maxTasksPerChild);
    }

    /** @throws NullPointerException if {@code task} is null */
    WorkerSettings withInitializer(Task task) {
        return new WorkerSettings(workers, Objects.requireNonNull(task, "initializer"), maxTasksPerChild);
    }

    /** @throws IllegalArgumentException if {@code n < 0} */
    WorkerSettings withMaxTasksPerChild(int n) {
        if (n < 0) throw new IllegalArgumentException("maxTasksPerChild must be >= 0, not " + n);
        return new WorkerSettings(workers, initializer, n);
    }

    /** The number of workers, the processor count where none was set. */
    int workerCount() {
        return workers > 0 ? workers : Process.cpuCount();
    }

    /** For toString: {@code Type[name=n, initializer=true, maxTasksPerChild=0]}. */
    String describe(String type, String workersName) {
        return type + "[" + workersName + "=" + workerCount() + ", initializer=" + (initializer != null)
                + ", maxTasksPerChild=" + maxTasksPerChild + "]";
    }
}
