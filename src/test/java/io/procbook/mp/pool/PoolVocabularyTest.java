package io.procbook.mp.pool;

import io.procbook.mp.AsyncResult;
import io.procbook.mp.Callbacks;
import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.ExecutorOptions;
import io.procbook.mp.Pool;
import io.procbook.mp.PoolIterator;
import io.procbook.mp.PoolOptions;
import io.procbook.mp.Process;
import io.procbook.mp.ProcessPoolExecutor;
import io.procbook.mp.TaskFailedException;
import io.procbook.mp.ThreadPool;
import io.procbook.mp.UncheckedTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Python's keywords the Java way (issue 19): pool options and callbacks by name, Duration timeouts, and the
 * positional forms they replace still working as deprecated forwards.
 */
class PoolVocabularyTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private Pool pool;

    @AfterEach
    void nothingLeft() {
        WarmJvms.endAndCheck(pool, leaks);
    }

    /** Held in each worker JVM: how often the initializer ran there. */
    static final class Inits {
        static int runs;
    }

    @Test
    void optionsNameEveryKeywordAndKeepPythonsDefaults() {
        PoolOptions defaults = Pool.options();
        assertEquals(Process.cpuCount(), defaults.processes());
        assertNull(defaults.initializer());
        assertEquals(0, defaults.maxTasksPerChild());
        PoolOptions two = defaults.processes(2);
        assertEquals(2, two.processes());
        assertEquals(Process.cpuCount(), defaults.processes(), "a wither leaves the value it was called on");
        assertEquals(3, two.maxTasksPerChild(3).maxTasksPerChild());
        assertEquals(2, two.maxTasksPerChild(3).processes());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> defaults.processes(0));
        assertEquals("processes must be at least 1, not 0", none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> defaults.maxTasksPerChild(-1));
        assertThrows(NullPointerException.class, () -> defaults.initializer(null));

        ExecutorOptions ex = ProcessPoolExecutor.options().maxWorkers(3).maxTasksPerChild(1);
        assertEquals(3, ex.maxWorkers());
        assertEquals(1, ex.maxTasksPerChild());
        assertEquals(Process.cpuCount(), ProcessPoolExecutor.options().maxWorkers());
        assertThrows(IllegalArgumentException.class, () -> ProcessPoolExecutor.options().maxWorkers(0));
    }

    @Test
    void aPoolFromOptionsRunsTheInitializerAndReplacesWorkers() {
        pool = new Pool(Pool.options().processes(1).initializer(() -> Inits.runs++).maxTasksPerChild(2));
        assertEquals(1, pool.processes());
        List<Long> pids = new ArrayList<>();
        List<Integer> inits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pids.add(pool.apply(() -> ProcessHandle.current().pid()));
            inits.add(pool.apply(() -> Inits.runs));
        }
        // two tasks per worker: pid and init count come from the same worker, each worker initialized once
        assertEquals(List.of(1, 1, 1), inits);
        assertEquals(3, pids.stream().distinct().count(), "a new worker after every two tasks: " + pids);
    }

    @Test
    void callbackOverloadsRunInThisProcessWithTheResultOrTheFailure() throws Exception {
        pool = new ThreadPool(2);
        CompletableFuture<Integer> got = new CompletableFuture<>();
        AsyncResult<Integer> r = pool.applyAsync(() -> 6 * 7, result -> got.complete(result));
        assertEquals(42, r.get(Duration.ofSeconds(60)));
        assertEquals(42, got.getNow(-1), "the result is ready once its callback has run");

        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        List<Object> results = new ArrayList<>();
        AsyncResult<Integer> bad = pool.applyAsync(() -> {
            throw new IllegalStateException("boom");
        }, Pool.<Integer>callback(results::add).errorCallback(failure::complete));
        assertThrows(TaskFailedException.class, () -> bad.get(Duration.ofSeconds(60)));
        assertEquals("boom", failure.getNow(null).getMessage());
        assertEquals(List.of(), results, "no result callback for a failed task");

        CompletableFuture<Throwable> onlyError = new CompletableFuture<>();
        pool.applyAsync((Integer n) -> 10 / n, 0, Pool.errorCallback(onlyError::complete)).waitFor(null);
        assertInstanceOf(ArithmeticException.class, onlyError.getNow(null));
        assertEquals(5, pool.applyAsync((Integer n) -> 10 / n, 2).get());

        CompletableFuture<List<Integer>> whole = new CompletableFuture<>();
        AsyncResult<List<Integer>> squares = pool.mapAsync(x -> x * x, List.of(1, 2, 3),
                Pool.callback(list -> whole.complete(list)));
        assertEquals(List.of(1, 4, 9), squares.get());
        assertEquals(List.of(1, 4, 9), whole.getNow(null));
        Callbacks<List<Integer>> sums = Pool.callback(list -> whole.obtrudeValue(list));
        assertEquals(List.of(3, 7), pool.starmapAsync((Integer a, Integer b) -> a + b,
                List.of(List.of(1, 2), List.of(3, 4)), 1, sums).get());
        assertEquals(List.of(3, 7), whole.getNow(null));
        assertEquals(List.of(2, 3), pool.mapAsync(x -> x + 1, List.of(1, 2), 1).get());
        assertThrows(NullPointerException.class, () -> pool.applyAsync(() -> 1, (Callbacks<Integer>) null));
    }

    @Test
    void durationTimeoutsOnResultsAndIterators() throws Exception {
        pool = new ThreadPool(1);
        CountDownLatch release = new CountDownLatch(1);
        AsyncResult<String> slow = pool.applyAsync(() -> release.await(60, TimeUnit.SECONDS) ? "late" : "gave up");
        UncheckedTimeoutException e = assertThrows(UncheckedTimeoutException.class,
                () -> slow.get(Duration.ofMillis(20)));
        assertEquals("no result within 20 ms", e.getMessage());
        assertFalse(slow.waitFor(Duration.ZERO));
        assertThrows(UncheckedTimeoutException.class, () -> slow.get(Duration.ofSeconds(-1)), "negative only checks");
        release.countDown();
        assertTrue(slow.waitFor(null), "null: no limit");
        assertEquals("late", slow.get(Duration.ofSeconds(Long.MAX_VALUE)), "a huge timeout saturates");

        CountDownLatch go = new CountDownLatch(1);
        PoolIterator<Integer> it = pool.imap(n -> go.await(60, TimeUnit.SECONDS) ? n : -1, List.of(7));
        assertThrows(UncheckedTimeoutException.class, () -> it.next(Duration.ofMillis(20)));
        go.countDown();
        assertEquals(7, it.next(Duration.ofSeconds(60)));
    }

    @Test
    @SuppressWarnings("deprecation")
    void positionalFormsStillWorkAsDeprecatedForwards() throws Exception {
        pool = new ThreadPool(1);
        CompletableFuture<Integer> got = new CompletableFuture<>();
        assertEquals(3, pool.applyAsync(() -> 3, got::complete, null).get(60, TimeUnit.SECONDS));
        assertEquals(3, got.getNow(-1));
        CompletableFuture<Throwable> failed = new CompletableFuture<>();
        pool.applyAsync((Integer n) -> 1 / n, 0, null, failed::complete).waitFor(60, TimeUnit.SECONDS);
        assertInstanceOf(ArithmeticException.class, failed.getNow(null));
        CompletableFuture<List<Integer>> whole = new CompletableFuture<>();
        assertEquals(List.of(2, 4), pool.mapAsync(x -> 2 * x, List.of(1, 2), 0, whole::complete, null).get());
        assertEquals(List.of(2, 4), whole.getNow(null));
        assertEquals(List.of(3), pool.starmapAsync((Integer a, Integer b) -> a + b, List.of(List.of(1, 2)), 0,
                null, null).get());
        PoolIterator<Integer> it = pool.imap(n -> n, List.of(5));
        assertEquals(5, it.next(60, TimeUnit.SECONDS));
    }

    @Test
    void executorOptionsAndDurationMap() {
        try (var ex = new ProcessPoolExecutor(ProcessPoolExecutor.options().maxWorkers(1).maxTasksPerChild(1))) {
            assertEquals(1, ex.maxWorkers());
            List<Integer> out = new ArrayList<>();
            ex.map((Integer n) -> n * 10, List.of(1, 2, 3), Duration.ofSeconds(60)).forEachRemaining(out::add);
            assertEquals(List.of(10, 20, 30), out);
            out.clear();
            ex.map((Integer n) -> n + 1, List.of(1, 2, 3, 4), 2).forEachRemaining(out::add);
            assertEquals(List.of(2, 3, 4, 5), out);
            Iterator<String> tooSlow = ex.map((String s) -> {
                Thread.sleep(60_000);
                return s;
            }, List.of("slow"), Duration.ofMillis(50));
            assertThrows(UncheckedTimeoutException.class, tooSlow::next);
            ex.shutdownNow();
        }
        leaks.assertClean();
    }
}
