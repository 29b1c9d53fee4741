/**
 * Python's {@code multiprocessing} (and {@code subprocess}) for Java: real child JVMs, pools, queues, pipes,
 * shared memory, locks and managers, with Python's names and Java's conventions. Usable from any Java program
 * with the jar on its class path; in a notebook every cell imports it. Nothing here knows of Jupyter: a host
 * plugs in through {@link io.procbook.mp.spi.Hooks}.
 *
 * <h2 id="python-to-java">Python to Java</h2>
 *
 * <p>This package keeps Python's names and gives Python's keyword arguments Java forms: overloads for the common
 * forms ({@code pool.applyAsync(task, callback)}) and named options for the rest
 * ({@link io.procbook.mp.Pool#options()}, {@link io.procbook.mp.Pool#callback(java.util.function.Consumer)},
 * {@link io.procbook.mp.ProcessPoolExecutor#options()}, {@link io.procbook.mp.Subprocess#options()}), so that no
 * argument is a {@code null} or {@code 0} placeholder. A timeout is a {@link java.time.Duration} ({@code null}
 * for no limit, zero or negative to only check), except where a JDK interface ({@code Future},
 * {@code ExecutorService}, {@code BlockingQueue}) fixes {@code (long, TimeUnit)}. Method names are Python's in
 * camelCase ({@code put_nowait} is {@code putNowait}); where Python glues words or Java has its own word, the
 * Java one ({@code qsize()} is {@link io.procbook.mp.Queue#size()}, {@code returncode} is
 * {@link io.procbook.mp.Popen#exitCode()}), with the Python name in the method's documentation.
 *
 * <p>Some of Python's names are also names of JDK types. The notebook kernel imports this package's types, so in a
 * cell these names mean this package's; write the JDK's by its full name:
 * <table class="striped">
 * <caption>Names that replace JDK names in a notebook cell</caption>
 * <thead><tr><th scope="col">In a cell</th><th scope="col">The JDK's type</th></tr></thead>
 * <tbody>
 * <tr><th scope="row">{@link io.procbook.mp.Process}</th><td>{@link java.lang.Process}</td></tr>
 * <tr><th scope="row">{@link io.procbook.mp.Queue}</th><td>{@link java.util.Queue}</td></tr>
 * <tr><th scope="row">{@link io.procbook.mp.Semaphore}</th><td>{@link java.util.concurrent.Semaphore}</td></tr>
 * <tr><th scope="row">{@link io.procbook.mp.Lock}</th><td>{@link java.util.concurrent.locks.Lock}</td></tr>
 * <tr><th scope="row">{@link io.procbook.mp.Condition}</th><td>{@link java.util.concurrent.locks.Condition}</td></tr>
 * <tr><th scope="row">{@link io.procbook.mp.Array}</th><td>{@link java.lang.reflect.Array}</td></tr>
 * </tbody>
 * </table>
 *
 * <p>Every call of the articles the tutorial notebooks follow (the seed examples S1 to S31), in Python and here:
 * <table class="striped">
 * <caption>Python's multiprocessing, subprocess, threading and concurrent.futures calls, and their Java forms</caption>
 * <thead><tr><th scope="col">Seed</th><th scope="col">Python</th><th scope="col">Java</th></tr></thead>
 * <tbody>
 * <tr><th scope="row">S1</th>
 *     <td>{@code pid = os.fork()}</td>
 *     <td>no fork for a JVM: new Process(...).start() spawns a child JVM</td></tr>
 * <tr><th scope="row">S2</th>
 *     <td>{@code p = Process(target=run_proc, args=('test',))}</td>
 *     <td>{@code var p = new Process(name -> runProc(name), "test");}</td></tr>
 * <tr><th scope="row">S2</th>
 *     <td>{@code p.start(); p.join()}</td>
 *     <td>{@code p.start(); p.join();}</td></tr>
 * <tr><th scope="row">S3</th>
 *     <td>{@code class P(Process): def run(self): ... self.name}</td>
 *     <td>{@code class P extends Process { public void run() { ... name() ... } }}</td></tr>
 * <tr><th scope="row">S4</th>
 *     <td>x = 100, set x = 10 in the child</td>
 *     <td>int x = 100; a child's x = 10 changes only its own copy</td></tr>
 * <tr><th scope="row">S5</th>
 *     <td>{@code p.join(timeout)}</td>
 *     <td>{@code p.join(Duration.ofSeconds(3))}</td></tr>
 * <tr><th scope="row">S6</th>
 *     <td>{@code pool = Pool(4)}</td>
 *     <td>{@code var pool = new Pool(4);}</td></tr>
 * <tr><th scope="row">S6</th>
 *     <td>{@code pool.apply_async(f, (i,))}</td>
 *     <td>{@code pool.applyAsync(() -> f(i))}</td></tr>
 * <tr><th scope="row">S6, S15</th>
 *     <td>{@code pool.close(); pool.join(); pool.terminate()}</td>
 *     <td>{@code pool.close(); pool.join(); pool.terminate();}</td></tr>
 * <tr><th scope="row">S7, S10</th>
 *     <td>{@code pool.apply(f, (msg,))}</td>
 *     <td>{@code pool.apply(() -> f(msg))}</td></tr>
 * <tr><th scope="row">S8</th>
 *     <td>{@code pool.apply_async(f, (i,), callback=bar)}</td>
 *     <td>{@code pool.applyAsync(() -> f(i), result -> bar(result))}</td></tr>
 * <tr><th scope="row">S8</th>
 *     <td>{@code ... callback=bar, error_callback=oops}</td>
 *     <td>{@code pool.applyAsync(() -> f(i), Pool.callback(r -> bar(r)).errorCallback(e -> oops(e)))}</td></tr>
 * <tr><th scope="row">S9</th>
 *     <td>{@code Pool(processes=2, initializer=init, maxtasksperchild=2)}</td>
 *     <td>{@code new Pool(Pool.options().processes(2).initializer(init).maxTasksPerChild(2))}</td></tr>
 * <tr><th scope="row">S11</th>
 *     <td>{@code res.get(timeout=10)}</td>
 *     <td>{@code res.get(Duration.ofSeconds(10))}</td></tr>
 * <tr><th scope="row">S11</th>
 *     <td>{@code except multiprocessing.TimeoutError}</td>
 *     <td>{@code catch (UncheckedTimeoutException e)}</td></tr>
 * <tr><th scope="row">S12</th>
 *     <td>{@code pool.map(f, range(10), chunksize=3)}</td>
 *     <td>{@code pool.map(i -> f(i), items, 3)}</td></tr>
 * <tr><th scope="row">S13</th>
 *     <td>{@code pool.map_async(f, items, callback=cb).get()}</td>
 *     <td>{@code pool.mapAsync(i -> f(i), items, Pool.callback(list -> cb(list))).get()}</td></tr>
 * <tr><th scope="row">S14</th>
 *     <td>{@code it = pool.imap(f, items); it.next(timeout=1)}</td>
 *     <td>{@code PoolIterator<R> it = pool.imap(i -> f(i), items); it.next(Duration.ofSeconds(1))}</td></tr>
 * <tr><th scope="row">S14</th>
 *     <td>{@code except StopIteration}</td>
 *     <td>{@code it.hasNext() == false}</td></tr>
 * <tr><th scope="row">S16</th>
 *     <td>{@code subprocess.call(['uname', '-s'])}</td>
 *     <td>{@code Subprocess.call(List.of("uname", "-s"))}</td></tr>
 * <tr><th scope="row">S16</th>
 *     <td>{@code Popen(cmd, stdin=PIPE, stdout=PIPE).communicate(data)}</td>
 *     <td>{@code new Popen(cmd, Subprocess.options().stdin(Subprocess.PIPE).stdout(Subprocess.PIPE)).communicate(data)}</td></tr>
 * <tr><th scope="row">S16</th>
 *     <td>{@code p.returncode}</td>
 *     <td>{@code p.exitCode()}</td></tr>
 * <tr><th scope="row">S17, S18</th>
 *     <td>{@code q = Queue(); q.put([1, 2]); q.get(True)}</td>
 *     <td>{@code var q = new Queue<List<Integer>>(); q.put(List.of(1, 2)); q.get()}</td></tr>
 * <tr><th scope="row">S17</th>
 *     <td>{@code q.get(timeout=1); q.put_nowait(x); q.qsize()}</td>
 *     <td>{@code q.get(Duration.ofSeconds(1)); q.putNowait(x); q.size()}</td></tr>
 * <tr><th scope="row">S17</th>
 *     <td>{@code p.terminate()}</td>
 *     <td>{@code p.terminate()}</td></tr>
 * <tr><th scope="row">S19</th>
 *     <td>{@code parent_conn, child_conn = Pipe()}</td>
 *     <td>{@code Pipe pipe = Pipe.create(); pipe.receiver(), pipe.sender()}</td></tr>
 * <tr><th scope="row">S19</th>
 *     <td>{@code reader, writer = Pipe(duplex=False)}</td>
 *     <td>{@code Pipe pipe = Pipe.oneWay(); pipe.receiver(), pipe.sender()}</td></tr>
 * <tr><th scope="row">S19</th>
 *     <td>{@code conn.send(x); conn.recv(); except EOFError}</td>
 *     <td>{@code conn.send(x); conn.recv(); catch (PipeEOFException e)}</td></tr>
 * <tr><th scope="row">S20</th>
 *     <td>{@code with Manager() as m: d = m.dict(); l = m.list()}</td>
 *     <td>{@code var manager = new Manager(); ConcurrentMap<K, V> d = manager.dict(); List<E> l = manager.list();}</td></tr>
 * <tr><th scope="row">S21</th>
 *     <td>{@code Value('d', 0.0); Array('i', range(10))}</td>
 *     <td>{@code Value.ofDouble(0.0); Array.ofInt(IntStream.range(0, 10).toArray())}</td></tr>
 * <tr><th scope="row">S21</th>
 *     <td>{@code Lock(); Semaphore(2); Event()}</td>
 *     <td>{@code new Lock(); new Semaphore(2); new Event()}</td></tr>
 * <tr><th scope="row">S21</th>
 *     <td>{@code lock.acquire(); lock.release(); event.wait(); event.set()}</td>
 *     <td>{@code lock.acquire(); lock.release(); event.await(); event.set()}</td></tr>
 * <tr><th scope="row">S21</th>
 *     <td>{@code q = JoinableQueue(); q.task_done(); q.join()}</td>
 *     <td>{@code var q = new JoinableQueue<E>(); q.taskDone(); q.join()}</td></tr>
 * <tr><th scope="row">S22</th>
 *     <td>{@code QueueManager(address=('', 5000), authkey=key)}</td>
 *     <td>{@code new BaseManager(new InetSocketAddress("127.0.0.1", 5000), key)}</td></tr>
 * <tr><th scope="row">S22</th>
 *     <td>{@code QueueManager.register('get_task_queue', callable=f)}</td>
 *     <td>{@code manager.register("get_task_queue", () -> taskQueue)}</td></tr>
 * <tr><th scope="row">S22</th>
 *     <td>{@code task = manager.get_task_queue()}</td>
 *     <td>{@code BlockingQueue<Integer> task = manager.get("get_task_queue", BlockingQueue.class)}</td></tr>
 * <tr><th scope="row">S22</th>
 *     <td>{@code task.get(timeout=1)}</td>
 *     <td>{@code task.poll(1, TimeUnit.SECONDS)} (a JDK BlockingQueue)</td></tr>
 * <tr><th scope="row">S23</th>
 *     <td>{@code p.daemon = True}</td>
 *     <td>{@code p.daemon(true)}</td></tr>
 * <tr><th scope="row">S24</th>
 *     <td>{@code t = threading.Thread(target=loop, name='LoopThread')}</td>
 *     <td>{@code Thread t = new Thread(() -> loop(), "LoopThread");}</td></tr>
 * <tr><th scope="row">S24</th>
 *     <td>{@code threading.current_thread().name}</td>
 *     <td>{@code Thread.currentThread().getName()}</td></tr>
 * <tr><th scope="row">S25</th>
 *     <td>{@code lock = threading.Lock(); with lock: ...}</td>
 *     <td>{@code var lock = new java.util.concurrent.locks.ReentrantLock(); lock.lock(); try { ... } finally { lock.unlock(); }}</td></tr>
 * <tr><th scope="row">S26</th>
 *     <td>{@code threading.RLock()}</td>
 *     <td>{@code new java.util.concurrent.locks.ReentrantLock()}</td></tr>
 * <tr><th scope="row">S27</th>
 *     <td>busy loops in N threads / N processes</td>
 *     <td>N new Thread(...) / N new Process(...): no GIL, both reach N x 100 %</td></tr>
 * <tr><th scope="row">S28</th>
 *     <td>{@code local_school = threading.local()}</td>
 *     <td>{@code ThreadLocal<String> localSchool = new ThreadLocal<>();}</td></tr>
 * <tr><th scope="row">S29</th>
 *     <td>{@code from multiprocessing.dummy import Pool as ThreadPool}</td>
 *     <td>{@code new ThreadPool(n)} (the same API as Pool, on threads)</td></tr>
 * <tr><th scope="row">S30</th>
 *     <td>{@code with ProcessPoolExecutor() as pool: pool.submit(worker)}</td>
 *     <td>{@code try (var pool = new ProcessPoolExecutor(10)) { pool.submit(() -> worker()); }}</td></tr>
 * <tr><th scope="row">S31</th>
 *     <td>{@code future.result(timeout=30)}</td>
 *     <td>{@code future.get(30, TimeUnit.SECONDS)} (the JDK's Future)</td></tr>
 * <tr><th scope="row">S31</th>
 *     <td>{@code executor.map(fn, items, timeout=30)}</td>
 *     <td>{@code executor.map(n -> fn(n), items, Duration.ofSeconds(30))}</td></tr>
 * <tr><th scope="row">S31</th>
 *     <td>{@code as_completed(futures)}</td>
 *     <td>{@code ProcessPoolExecutor.asCompleted(futures)}</td></tr>
 * </tbody>
 * </table>
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
 *   <tr><td>{@link io.procbook.mp.RemoteTaskException}</td><td>stands for an exception of a child's task or of
 *       a managed object's method that could not travel as itself; keeps its class name, message, stack trace
 *       and causes</td><td>-</td></tr>
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
