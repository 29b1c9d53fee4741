package io.procbook.mp.internal.pool;

import io.procbook.mp.BrokenProcessPoolException;
import io.procbook.mp.Fn;
import io.procbook.mp.Task;
import io.procbook.mp.spi.Hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs chunks on threads of this JVM (Python's {@code ThreadPool}): nothing is serialized, the function and
 * items are used as they are. The threads are created by the pool's creator, so they inherit its context
 * (under the kernel: its cell), and run each chunk in the context of the thread that submitted it.
 *
 * <p>An initializer that throws breaks the backend, as a worker process's does in {@link ProcessBackend}:
 * re-creating the thread (Python's choice) would run the same failing initializer in a loop while the tasks
 * wait forever, and letting the thread die leaves the executor counting a worker that never takes a task.
 */
public final class ThreadBackend implements Backend {

    private static final AtomicInteger POOLS = new AtomicInteger();
    private final ExecutorService threads;
    private final ResultHandler handler;
    /** Why the backend broke (an initializer failed), or {@code null}. */
    private final AtomicReference<BrokenProcessPoolException> broken = new AtomicReference<>();

    /** One chunk with its function, as a queued runnable (so that terminate can fail the unstarted ones). */
    private record Job(Fn<Object, Object> fn, Chunk chunk, AtomicReference<BrokenProcessPoolException> broken)
            implements Runnable {
        @Override
        public void run() {
            BrokenProcessPoolException why = broken.get();
            if (why != null) { // taken by a healthy thread between the break and the queue being drained
                chunk.sink.failed(chunk, why);
                return;
            }
            // The thread is the pool's, but this work is its submitter's: it prints there. The outcome is handed
            // on after that, once the work's output has gone out.
            List<Object> results = new ArrayList<>(chunk.items.size());
            Throwable[] failure = new Throwable[1];
            Hooks.runIn(chunk.owner, () -> {
                try {
                    for (Object item : chunk.items) results.add(fn.apply(item));
                } catch (Throwable t) {
                    failure[0] = t;
                }
            });
            if (failure[0] != null) chunk.sink.failed(chunk, failure[0]);
            else chunk.sink.done(chunk, results);
        }
    }

    /**
     * @param threadCount how many threads
     * @param initializer run once on each thread before its first task, or {@code null}; if it throws, the
     *                    backend breaks: queued chunks fail with a {@link BrokenProcessPoolException}, running
     *                    ones are interrupted, and {@link #submit} throws it
     */
    public ThreadBackend(int threadCount, Task initializer, ResultHandler handler) {
        this.handler = handler;
        String prefix = "ThreadPool-" + POOLS.incrementAndGet() + "-Thread-";
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor ex = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(() -> {
                        if (initializer != null) {
                            try {
                                initializer.run();
                            } catch (Throwable e) {
                                breakWith(new BrokenProcessPoolException(
                                        "a thread pool's initializer failed: " + e, e));
                            }
                        }
                        // Run even after a break: the executor's loop is what retires this thread's worker,
                        // and it takes no task once the executor is shut down.
                        r.run();
                    }, prefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        threads = ex; // before the threads start: a failing initializer shuts it down
        ex.prestartAllCoreThreads(); // created now, by the pool's creator, so they inherit its context
    }

    @Override
    public void submit(Fn<Object, Object> fn, List<Chunk> chunks) {
        Object owner = Hooks.currentContext();
        for (Chunk c : chunks) c.owner = owner;
        try {
            for (Chunk c : chunks) threads.execute(new Job(fn, c, broken));
        } catch (RejectedExecutionException e) {
            BrokenProcessPoolException why = broken.get();
            if (why != null) throw new BrokenProcessPoolException(
                    "the pool is broken and accepts no new tasks: " + why.getMessage(), why.getCause());
            throw new IllegalStateException("the pool is closed or terminated and accepts no new tasks");
        }
    }

    private void breakWith(BrokenProcessPoolException why) {
        if (!broken.compareAndSet(null, why)) return;
        failUnstarted(why);
    }

    @Override
    public void close() {
        threads.shutdown();
        endHandlerWhenDone();
    }

    private void endHandlerWhenDone() {
        Thread t = new Thread(() -> {
            try {
                threads.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                return;
            }
            handler.shutdown();
        }, "ThreadPool-end");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void terminate() {
        failUnstarted(new CancellationException("the pool was terminated before this task finished"));
    }

    private void failUnstarted(RuntimeException why) {
        for (Runnable r : threads.shutdownNow()) {
            if (r instanceof Job j) j.chunk.sink.failed(j.chunk, why);
        }
        endHandlerWhenDone();
    }

    @Override
    public boolean isShutdown() {
        return threads.isShutdown();
    }

    @Override
    public boolean awaitTermination(long nanos) throws InterruptedException {
        return threads.awaitTermination(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isTerminated() {
        return threads.isTerminated();
    }
}
