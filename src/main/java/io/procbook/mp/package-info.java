/**
 * Python's {@code multiprocessing} (and {@code subprocess}) for Java: real child JVMs, pools, queues, pipes,
 * shared memory, locks and managers, with Python's names and Java's conventions. Usable from any Java program
 * with the jar on its class path; in a notebook every cell imports it. Nothing here knows of Jupyter: a host
 * plugs in through {@link io.procbook.mp.spi.Hooks}.
 *
 * <p>Some names are also names of the JDK that a cell imports on demand: {@code Process}, {@code Queue},
 * {@code Lock}, {@code Semaphore}, {@code Condition}, {@code Array}. In a cell these mean the types of this
 * package; write the JDK's by their full name ({@code java.lang.Process}, {@code java.util.Queue},
 * {@code java.util.concurrent.locks.Lock} ...).
 *
 * <h2>Types by role</h2>
 * <dl>
 *   <dt>Processes</dt>
 *   <dd>{@link io.procbook.mp.Process} (a child JVM running a task or a subclass's {@code run()});
 *       {@link io.procbook.mp.Subprocess}, {@link io.procbook.mp.Popen} and
 *       {@link io.procbook.mp.CompletedProcess} for external commands.</dd>
 *   <dt>Pools of workers</dt>
 *   <dd>{@link io.procbook.mp.Pool} and {@link io.procbook.mp.ThreadPool} (Python's {@code Pool}), with
 *       {@link io.procbook.mp.AsyncResult} and {@link io.procbook.mp.PoolIterator};
 *       {@link io.procbook.mp.ProcessPoolExecutor} (a {@link java.util.concurrent.ExecutorService} of child
 *       JVMs).</dd>
 *   <dt>Tasks (what travels to a child: functional interfaces that are {@link java.io.Serializable}, so a
 *       lambda typed in a cell needs no cast)</dt>
 *   <dd>{@link io.procbook.mp.Task} to {@link io.procbook.mp.Task3} (no result), {@link io.procbook.mp.Call}
 *       (a result), {@link io.procbook.mp.Fn} and {@link io.procbook.mp.Fn2} (one and two arguments, a
 *       result), {@link io.procbook.mp.ServedSupplier} (what a manager serves).</dd>
 *   <dt>Messages between processes</dt>
 *   <dd>{@link io.procbook.mp.Queue}, {@link io.procbook.mp.JoinableQueue},
 *       {@link io.procbook.mp.SimpleQueue}, {@link io.procbook.mp.Pipe} with its two
 *       {@link io.procbook.mp.Connection}s.</dd>
 *   <dt>Shared memory</dt>
 *   <dd>{@link io.procbook.mp.Value} and {@link io.procbook.mp.Array} (with a lock),
 *       {@link io.procbook.mp.RawValue} and {@link io.procbook.mp.RawArray} (without).</dd>
 *   <dt>Synchronization between processes</dt>
 *   <dd>{@link io.procbook.mp.Lock}, {@link io.procbook.mp.RLock}, {@link io.procbook.mp.Semaphore},
 *       {@link io.procbook.mp.BoundedSemaphore}, {@link io.procbook.mp.Event},
 *       {@link io.procbook.mp.Condition}, {@link io.procbook.mp.Barrier}; {@link io.procbook.mp.Acquirable}
 *       and {@link io.procbook.mp.Held} for try-with-resources.</dd>
 *   <dt>Managers (objects served by one process, used through proxies, also from other machines)</dt>
 *   <dd>{@link io.procbook.mp.Manager} and {@link io.procbook.mp.BaseManager}; the proxies' types
 *       {@link io.procbook.mp.Namespace}, {@link io.procbook.mp.ManagedValue},
 *       {@link io.procbook.mp.ManagedEvent}, {@link io.procbook.mp.ManagedCondition},
 *       {@link io.procbook.mp.ManagedBarrier}, {@link io.procbook.mp.JoinableBlockingQueue} (besides the
 *       JDK's {@code Map}, {@code List}, {@code BlockingQueue}).</dd>
 *   <dt>Progress</dt>
 *   <dd>{@link io.procbook.mp.Progress} and {@link io.procbook.mp.ProgressBar}.</dd>
 * </dl>
 *
 * <h2>Exceptions</h2>
 * Every exception of this package is unchecked (so that calls compose inside lambdas) and
 * {@link java.io.Serializable} (so that it can be thrown in a child or a manager and re-thrown in the caller).
 * <table class="striped">
 *   <caption>What is thrown, by what, and Python's name for it</caption>
 *   <thead><tr><th>Exception</th><th>Thrown when</th><th>Python</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@link io.procbook.mp.TaskFailedException}</td><td>a pool task failed; the cause is what it
 *       threw (or a {@code WorkerDiedException})</td><td>the task's own exception</td></tr>
 *   <tr><td>{@link io.procbook.mp.RemoteTaskException}</td><td>stands for a child's exception that could not
 *       travel as itself; keeps its class name, message and stack trace</td><td>-</td></tr>
 *   <tr><td>{@link io.procbook.mp.WorkerDiedException}</td><td>the worker running a pool task died; the pool
 *       replaces it</td><td>- (Python's pool hangs)</td></tr>
 *   <tr><td>{@link io.procbook.mp.BrokenProcessPoolException}</td><td>a {@code ProcessPoolExecutor}'s worker
 *       died: pending futures fail, submissions are refused</td><td>{@code BrokenProcessPool}</td></tr>
 *   <tr><td>{@link io.procbook.mp.UncheckedTimeoutException}</td><td>a {@code join}, {@code get} or
 *       {@code acquire} given a timeout ran out, where documented to throw</td><td>{@code TimeoutError}</td></tr>
 *   <tr><td>{@link io.procbook.mp.UncheckedInterruptedException}</td><td>the waiting thread was interrupted;
 *       its interrupt status is set again</td><td>-</td></tr>
 *   <tr><td>{@link io.procbook.mp.QueueEmptyException}</td><td>{@code getNowait} or a timed {@code get} found
 *       no item</td><td>{@code queue.Empty}</td></tr>
 *   <tr><td>{@link io.procbook.mp.QueueFullException}</td><td>{@code putNowait} or a timed {@code put} found
 *       the queue full</td><td>{@code queue.Full}</td></tr>
 *   <tr><td>{@link io.procbook.mp.PipeEOFException}</td><td>{@code recv} on a pipe whose other end is closed
 *       everywhere, with nothing left to receive</td><td>{@code EOFError}</td></tr>
 *   <tr><td>{@link io.procbook.mp.LockOwnerDiedException}</td><td>the process holding a lock died; the lock is
 *       free again but not held by the caller</td><td>-</td></tr>
 *   <tr><td>{@link io.procbook.mp.UncheckedBrokenBarrierException}</td><td>a barrier is or becomes broken
 *       </td><td>{@code BrokenBarrierError}</td></tr>
 *   <tr><td>{@link io.procbook.mp.ManagerException}</td><td>a manager cannot be reached, stopped answering, or
 *       a value cannot cross the connection</td><td>-</td></tr>
 *   <tr><td>{@link io.procbook.mp.AuthenticationException}</td><td>the two sides of a manager connection do not
 *       share the auth key</td><td>{@code AuthenticationError}</td></tr>
 *   <tr><td>{@link io.procbook.mp.RemoteCallException}</td><td>stands for a managed object's exception whose
 *       class cannot travel to the caller</td><td>-</td></tr>
 *   <tr><td>{@link io.procbook.mp.SubprocessException}</td><td>an external command cannot be run or ends
 *       badly (the base of the next three)</td><td>{@code SubprocessError}</td></tr>
 *   <tr><td>{@link io.procbook.mp.CommandNotFoundException}</td><td>the command's program does not exist
 *       </td><td>{@code FileNotFoundError}</td></tr>
 *   <tr><td>{@link io.procbook.mp.CalledProcessException}</td><td>a checked command exited with a non-zero
 *       status</td><td>{@code CalledProcessError}</td></tr>
 *   <tr><td>{@link io.procbook.mp.TimeoutExpiredException}</td><td>a command did not finish in time (a
 *       {@code UncheckedTimeoutException})</td><td>{@code TimeoutExpired}</td></tr>
 *   </tbody>
 * </table>
 * Besides these, the JDK's: {@code IllegalArgumentException} and {@code NullPointerException} for bad
 * arguments, {@code IllegalStateException} for an object closed in this process, and the
 * {@link java.util.concurrent} exceptions where a JDK interface ({@code ExecutorService}, {@code Future})
 * fixes them.
 *
 * <h2>Memory consistency effects</h2>
 * Processes share no Java objects: what a task captures and what travels through a queue or pipe is a copy.
 * They share the memory of this package's shared objects ({@code Value}, {@code Array}, {@code RawValue},
 * {@code RawArray}, and the state of queues, pipes, locks and the other synchronizers), and the rules below
 * are stated for that memory, the way {@link java.util.concurrent} states them for threads: in each, "actions"
 * are writes to the shared memory of this package's objects, by any thread of any process.
 * <ul>
 *   <li><b>{@code Value}</b>: {@code get} and {@code set} are volatile accesses of the shared memory, and the
 *       atomic updates ({@code compareAndSet}, {@code incrementAndGet} ...) read and write as volatiles do.
 *       Actions in a process prior to a {@code set} or atomic update of a {@code Value} happen-before actions
 *       in any process subsequent to a {@code get} that returns the value written (or a later one).</li>
 *   <li><b>{@code Lock}</b> (and {@code RLock}): acquiring and releasing are atomic operations on the lock's
 *       shared word. Actions in a process prior to releasing a lock happen-before actions in any process
 *       subsequent to a successful acquire of the same lock. This holds for the lock of a {@code Value} or
 *       {@code Array} ({@code getLock()}, {@code hold()}) too. A lock whose owner died is freed without a
 *       release: nothing is promised of what that owner wrote ({@code LockOwnerDiedException}).</li>
 *   <li><b>{@code Queue}</b> (and {@code JoinableQueue}, {@code SimpleQueue}, and a {@code Pipe}'s
 *       {@code send}/{@code recv}): actions in a process prior to putting an item into a queue happen-before
 *       actions subsequent to the removal of that item from the queue in another process. The item received
 *       is a copy of the item put, as it was when it was put.</li>
 * </ul>
 * Within one process, each of these also orders ordinary memory as its {@link java.util.concurrent}
 * counterpart does (a volatile field, a {@link java.util.concurrent.locks.Lock}, a
 * {@link java.util.concurrent.BlockingQueue}).
 *
 * <h2>How the implementation is layered</h2>
 * The public types here are the API; {@code io.procbook.mp.internal} and the packages below it implement the
 * child JVMs, the wire between them, shared memory, pools and managers, and are not API. Code that only makes
 * sense with the public types stays in this package, package-private: how each shared object attaches a copy
 * to its memory (a nested {@code Attach} record that its {@code SharedHandle} carries). Where an internal
 * operation fails with a reason the JDK can name, this package translates it into its public exception
 * ({@code Popen} turns a missing program into {@code CommandNotFoundException}, and {@code Waits} an
 * interrupted shared-memory wait into {@code UncheckedInterruptedException}). No public signature shows an
 * internal type ({@code LayeringTest} checks it).
 */
package io.procbook.mp;
