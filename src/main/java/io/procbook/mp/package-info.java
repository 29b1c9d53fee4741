/**
 * The runtime library: Python's {@code multiprocessing}, {@code subprocess} and {@code concurrent.futures} in Java,
 * with real child processes (JVMs), pools, queues, pipes, shared memory and managers.
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
 */
package io.procbook.mp;
