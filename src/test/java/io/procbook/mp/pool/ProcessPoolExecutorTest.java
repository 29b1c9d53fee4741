package io.procbook.mp.pool;

import io.procbook.mp.BrokenProcessPoolException;
import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.Call;
import io.procbook.mp.PoolIterator;
import io.procbook.mp.ProcessPoolExecutor;
import io.procbook.mp.Queue;
import io.procbook.mp.UncheckedTimeoutException;
import io.procbook.mp.WorkerDiedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** ProcessPoolExecutor as a java.util.concurrent.ExecutorService over worker JVMs (S31). */
class ProcessPoolExecutorTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private ProcessPoolExecutor ex;

    @AfterEach
    void nothingLeft() throws InterruptedException {
        if (ex != null) {
            ex.shutdownNow();
            assertTrue(ex.awaitTermination(60, TimeUnit.SECONDS));
        }
        WarmJvms.settle();
        leaks.assertClean();
    }

    @Test
    void asCompletedOfForeignFuturesIsInCompletionOrderEvenWhenMoreWaitThanTheCommonPoolHasThreads() throws Exception {
        // As many unfinished futures as there are cores come first: a watcher per future on the common pool
        // (cores - 1 threads, or 1) would block on them and never see the finished one behind them.
        int blocked = Runtime.getRuntime().availableProcessors();
        ExecutorService threads = Executors.newFixedThreadPool(blocked + 1);
        try {
            CountDownLatch release = new CountDownLatch(1);
            List<Future<String>> fs = new ArrayList<>();
            for (int i = 0; i < blocked; i++) fs.add(threads.submit(() -> {
                release.await();
                return "released";
            }));
            Future<String> done = threads.submit(() -> "done");
            fs.add(done);
            Iterator<Future<String>> it = ProcessPoolExecutor.asCompleted(fs);
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> assertSame(done, it.next()),
                    "the finished future waited behind unfinished ones");
            release.countDown();
            for (int i = 0; i < blocked; i++) assertEquals("released", it.next().get());
            assertFalse(it.hasNext());
        } finally {
            threads.shutdownNow();
        }
    }

    @SuppressWarnings("deprecation") // also the (long, TimeUnit) forwards: their overflowing deadlines
    @Test
    void hugeTimeoutsMeanNoLimitAndShorterWaitsStillTimeOut() throws Exception {
        ex = new ProcessPoolExecutor(1);
        List<Future<Integer>> fs = ex.invokeAll(List.<Callable<Integer>>of((Call<Integer>) () -> 1, (Call<Integer>) () -> 2), Long.MAX_VALUE, TimeUnit.DAYS);
        assertEquals(List.of(1, 2), List.of(fs.get(0).get(), fs.get(1).get()));
        assertEquals(3, ex.invokeAny(List.<Callable<Integer>>of((Call<Integer>) () -> 3), Long.MAX_VALUE / 2, TimeUnit.NANOSECONDS));
        try (Queue<Integer> go = new Queue<>()) {
            PoolIterator<Integer> it = (PoolIterator<Integer>) ex.map((Integer n) -> go.get() + n, List.of(10),
                    Long.MAX_VALUE, TimeUnit.DAYS, 1);
            // the map's deadline overflowed, and next() took the smaller of the two: the overflowed one
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                    () -> assertThrows(UncheckedTimeoutException.class, () -> it.next(Duration.ofMillis(50))),
                    "a short wait on a map with a huge timeout never timed out");
            go.put(1);
            assertEquals(11, it.next(Long.MAX_VALUE, TimeUnit.DAYS));
            assertFalse(it.hasNext());
        }
    }

    @Test
    void anInterruptedInvokeAllCancelsTheTasksItSubmitted() throws Exception {
        ex = new ProcessPoolExecutor(1); // a fresh worker holds one task at a time: the second stays queued
        try (Queue<String> log = new Queue<>(); Queue<Integer> release = new Queue<>()) {
            List<Callable<String>> tasks = blockingThenLogging(log, release);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    ex.invokeAll(tasks);
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            caller.start();
            assertEquals("1 started", log.get(java.time.Duration.ofSeconds(60)));
            caller.interrupt();
            caller.join(60_000);
            assertFalse(caller.isAlive());
            assertInstanceOf(InterruptedException.class, thrown.get());
            assertSecondNeverRuns(log, release);
        }
    }

    @Test
    void anInvokeAllWithATaskItCannotSendCancelsTheTasksItSubmitted() throws Exception {
        ex = new ProcessPoolExecutor(1);
        try (Queue<String> log = new Queue<>(); Queue<Integer> release = new Queue<>()) {
            List<Callable<String>> tasks = new ArrayList<>(blockingThenLogging(log, release));
            Object notSerializable = new Object();
            tasks.add(() -> notSerializable.toString()); // a plain Callable lambda: cannot go to a worker
            assertThrows(IllegalArgumentException.class, () -> ex.invokeAll(tasks, 1, TimeUnit.DAYS));
            assertEquals("1 started", log.get(java.time.Duration.ofSeconds(60)));
            assertSecondNeverRuns(log, release);
        }
    }

    /** A task that logs its start and waits for {@code release}, then one that logs "2". */
    private static List<Callable<String>> blockingThenLogging(Queue<String> log, Queue<Integer> release) {
        return List.of((Call<String>) () -> {
            log.put("1 started");
            release.get();
            return "1";
        }, (Call<String>) () -> {
            log.put("2");
            return "2";
        });
    }

    /** Releases the first task; a task submitted now runs after the second would have (one worker, in order). */
    private void assertSecondNeverRuns(Queue<String> log, Queue<Integer> release) throws Exception {
        release.put(0);
        assertEquals("3", ex.submit((Call<String>) () -> {
            log.put("3");
            return "3";
        }).get(60, TimeUnit.SECONDS));
        assertEquals("3", log.get(java.time.Duration.ofSeconds(60)), "the cancelled second task ran");
    }

    @Test
    void submitReturnsARealFutureAndExceptionsComeAsExecutionExceptions() throws Exception {
        ex = new ProcessPoolExecutor(2);
        Future<Integer> f = ex.submit(() -> 6 * 7);
        assertEquals(42, f.get(60, TimeUnit.SECONDS));
        Future<Long> pid = ex.submit(() -> ProcessHandle.current().pid());
        assertNotEquals(ProcessHandle.current().pid(), pid.get());
        Future<Object> bad = ex.submit((Call<Object>) () -> {
            throw new IllegalStateException("nope");
        });
        ExecutionException e = assertThrows(ExecutionException.class, bad::get);
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("nope", e.getCause().getMessage());
        Callable<String> notSerializable = () -> "x";
        IllegalArgumentException arg = assertThrows(IllegalArgumentException.class, () -> ex.submit(notSerializable));
        assertTrue(arg.getMessage().contains("Serializable"), arg.getMessage());
    }

    @Test
    void invokeAllInvokeAnyMapAndAsCompleted() throws Exception {
        ex = new ProcessPoolExecutor(2);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int k = i;
            tasks.add((Call<Integer>) () -> k * k);
        }
        List<Integer> all = new ArrayList<>();
        for (Future<Integer> f : ex.invokeAll(tasks)) all.add(f.get());
        assertEquals(List.of(0, 1, 4, 9, 16), all);
        assertTrue(Set.of(0, 1, 4, 9, 16).contains(ex.invokeAny(tasks)));
        List<Callable<Integer>> oneGood = List.of((Call<Integer>) () -> {
            throw new IllegalStateException("bad");
        }, (Call<Integer>) () -> 7);
        assertEquals(7, ex.invokeAny(oneGood));

        List<Integer> mapped = new ArrayList<>();
        ex.map((Integer n) -> n + 1, List.of(1, 2, 3), Duration.ofSeconds(60), 2).forEachRemaining(mapped::add);
        assertEquals(List.of(2, 3, 4), mapped);
        try (Queue<Integer> release = new Queue<>()) {
            // "slow" cannot finish before the test lets it, which it does only once "fast" came out first
            List<Future<String>> fs = List.of(ex.submit(() -> {
                release.get();
                return "slow";
            }), ex.submit(() -> "fast"));
            Iterator<Future<String>> completed = ProcessPoolExecutor.asCompleted(fs);
            assertEquals("fast", completed.next().get(60, TimeUnit.SECONDS));
            assertFalse(fs.get(0).isDone(), "the held task is still running");
            release.put(1);
            assertEquals("slow", completed.next().get(60, TimeUnit.SECONDS));
            assertFalse(completed.hasNext());

            Iterator<Integer> held = ex.map((Integer n) -> release.get() + n, List.of(1), Duration.ofMillis(50), 1);
            assertThrows(UncheckedTimeoutException.class, held::next);
            release.put(1); // lets the worker go
        }
    }

    @Test
    void aDeadWorkerBreaksThePoolInsteadOfHanging() throws Exception {
        ex = new ProcessPoolExecutor(2);
        Future<Integer> pending = ex.submit(() -> {
            Thread.sleep(60_000);
            return 1;
        });
        Future<Integer> dies = ex.submit(() -> PoolFailureTest.killSelf());
        ExecutionException e = assertThrows(ExecutionException.class, () -> dies.get(60, TimeUnit.SECONDS));
        BrokenProcessPoolException broken = assertInstanceOf(BrokenProcessPoolException.class, e.getCause());
        assertEquals(-9, assertInstanceOf(WorkerDiedException.class, broken.getCause()).exitCode());
        ExecutionException other = assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS));
        assertInstanceOf(BrokenProcessPoolException.class, other.getCause());
        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class, () -> ex.submit(() -> 1));
        assertInstanceOf(BrokenProcessPoolException.class, refused.getCause());
    }

    @Test
    void shutdownLetsSubmittedTasksFinishAndCloseWaits() throws Exception {
        ex = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1).maxTasksPerChild(1));
        Set<Long> pids = new HashSet<>();
        List<Future<Long>> fs = new ArrayList<>();
        for (int i = 0; i < 3; i++) fs.add(ex.submit(() -> ProcessHandle.current().pid()));
        ex.close();
        assertTrue(ex.isShutdown());
        assertTrue(ex.isTerminated());
        for (Future<Long> f : fs) pids.add(f.get());
        assertEquals(3, pids.size(), "maxTasksPerChild 1: a new worker per task");
        assertThrows(RejectedExecutionException.class, () -> ex.submit(() -> 1));
    }

    @Test
    void aTaskCancelledWhileQueuedNeverRuns() throws Exception {
        try (Queue<String> gate = new Queue<>(); Queue<String> ran = new Queue<>()) {
            ex = new ProcessPoolExecutor(1);
            List<ProcessHandle> workers = ex.workers().stream()
                    .map(w -> ProcessHandle.of(w.pid()).orElseThrow()).toList();
            Future<String> busy = ex.submit(() -> {
                ran.put("busy started");
                return gate.get();
            });
            Future<String> queued = ex.submit(() -> {
                ran.put("queued ran");
                return "queued";
            });
            assertEquals("busy started", ran.get()); // the one worker holds the first task; the second waits
            ex.shutdown();
            assertTrue(queued.cancel(false));
            assertTrue(queued.isCancelled() && queued.isDone());
            assertThrows(CancellationException.class, queued::get);
            gate.put("released");
            assertEquals("released", busy.get(60, TimeUnit.SECONDS));
            assertTrue(ex.awaitTermination(60, TimeUnit.SECONDS), "the shut-down executor ends with its queue empty");
            assertTrue(ran.empty(), "the cancelled task ran: " + (ran.empty() ? "" : ran.get()));
            assertFalse(queued.cancel(false), "a second cancel has nothing to cancel");
            // A worker counts as ended once it reports its exit, a moment before its JVM halts, and a halting
            // child does not detach from shared memory: the queues are closed (their files removed) only once the
            // worker's process is really gone, or they would stay behind until this JVM exits.
            for (ProcessHandle w : workers) w.onExit().get(60, TimeUnit.SECONDS);
        }
    }
}
