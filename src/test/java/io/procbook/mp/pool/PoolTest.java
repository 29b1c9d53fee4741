package io.procbook.mp.pool;

import io.procbook.mp.AsyncResult;
import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.Connection;
import io.procbook.mp.Pipe;
import io.procbook.mp.PipeEOFException;
import io.procbook.mp.Pool;
import io.procbook.mp.PoolIterator;
import io.procbook.mp.Queue;
import io.procbook.mp.UncheckedTimeoutException;
import io.procbook.mp.spi.ChildProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Pool basics with real worker JVMs: seed examples S6-S15. */
class PoolTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private Pool pool;

    @AfterEach
    void nothingLeft() {
        WarmJvms.endAndCheck(pool, leaks);
    }

    /** Held in each worker JVM: how often the initializer ran there. */
    static final class InitCount {
        static int runs;
    }

    @Test
    void fiveAppliesUseFourDistinctWorkersThenReuseOne() {
        pool = new Pool(4);
        Set<Long> workerPids = new HashSet<>();
        for (ChildProcess w : pool.workers()) {
            assertEquals(ChildProcess.Kind.POOL_WORKER, w.kind());
            workerPids.add(w.pid());
        }
        assertEquals(4, workerPids.size());
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 5; i++) pids.add(pool.apply(() -> ProcessHandle.current().pid()));
        assertEquals(4, new HashSet<>(pids.subList(0, 4)).size(), pids.toString());
        assertTrue(workerPids.containsAll(pids), pids + " vs " + workerPids);
        assertTrue(pids.subList(0, 4).contains(pids.get(4)));
        assertFalse(pids.contains(ProcessHandle.current().pid()));
    }

    @Test
    void mapRunsFourTasksAtOnceAndNeverMore() throws Exception {
        pool = new Pool(4);
        try (Queue<String> events = new Queue<>(); Queue<Integer> release = new Queue<>()) {
            CompletableFuture<List<Integer>> r = CompletableFuture.supplyAsync(() -> pool.map(i -> {
                events.put("start");
                release.get(); // held until the test has seen the first four start
                events.put("end");
                return i;
            }, IntStream.range(0, 10).boxed().toList(), 1));
            Duration patience = Duration.ofSeconds(60);
            for (int i = 0; i < 4; i++) {
                assertEquals("start", events.get(patience), "four tasks run at once, one per worker");
            }
            for (int i = 0; i < 10; i++) release.put(i);
            assertEquals(IntStream.range(0, 10).boxed().toList(), r.get(60, TimeUnit.SECONDS));
            // The recorded order: a worker says "end" before it takes its next task, so the count of tasks
            // running, read along the events, shows how many ran at once.
            int running = 4;
            int most = 4;
            for (int i = 0; i < 16; i++) {
                running += events.get(patience).equals("start") ? 1 : -1;
                most = Math.max(most, running);
            }
            assertEquals(0, running, "every task that started ended");
            assertEquals(4, most, "never more tasks at once than workers");
        }
    }

    @Test
    void mapKeepsItemOrderAndDefaultChunking() {
        pool = new Pool(2);
        List<Integer> in = IntStream.range(0, 1000).boxed().toList();
        assertEquals(in.stream().map(n -> n * n).toList(), pool.map(n -> n * n, in));
        assertEquals(List.of("a!", "b!"), pool.map(s -> s + "!", List.of("a", "b")));
        assertEquals(List.of(3L, 7L), pool.starmap((Long a, Long b) -> a + b, List.of(List.of(1L, 2L), List.of(3L, 4L))));
        assertEquals(List.of(), pool.map(n -> n, List.<Integer>of()));
        AsyncResult<List<Integer>> r = pool.mapAsync(n -> n + 1, List.of(1, 2, 3));
        assertEquals(List.of(2, 3, 4), r.get(Duration.ofSeconds(60)));
        assertTrue(r.ready());
        assertTrue(r.successful());
    }

    @Test
    void callbacksRunInTheParentOnTheHandlerThreadOncePerTask() throws Exception {
        pool = new Pool(2);
        long parent = ProcessHandle.current().pid();
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        CountDownLatch all = new CountDownLatch(7);
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int k = i;
            results.add(pool.applyAsync(() -> k * 10, Pool.<Integer>callback(v -> {
                seen.add(v + "@" + ProcessHandle.current().pid() + "@" + (Thread.currentThread() == pool.resultHandlerThread()));
                all.countDown();
            }).errorCallback(e -> fail(e))));
        }
        pool.mapAsync((Integer n) -> n * 2, List.of(1, 2, 3), 1, Pool.<List<Integer>>callback(list -> {
            seen.add(list + "@" + ProcessHandle.current().pid() + "@" + (Thread.currentThread() == pool.resultHandlerThread()));
            all.countDown();
        }).errorCallback(e -> fail(e)));
        assertTrue(all.await(60, TimeUnit.SECONDS));
        for (var r : results) r.get();
        Set<String> got = new HashSet<>(seen);
        Set<String> want = new HashSet<>();
        for (int i = 0; i < 6; i++) want.add(i * 10 + "@" + parent + "@true");
        want.add("[2, 4, 6]@" + parent + "@true");
        assertEquals(want, got);
        assertEquals(7, seen.size(), "each callback once");
    }

    @Test
    void imapNextTimesOutThenDeliversInOrderAndEndsCleanly() throws Exception {
        pool = new Pool(2);
        try (Queue<Integer> release = new Queue<>()) {
            // item 0 is held until the test lets it go: whatever the machine's speed, it is the late one
            PoolIterator<Integer> it = pool.imap(n -> {
                if (n == 0) release.get();
                return n * 2;
            }, List.of(0, 1, 2));
            assertTrue(it.hasNext());
            assertThrows(UncheckedTimeoutException.class, () -> it.next(Duration.ofMillis(50)));
            release.put(1);
            List<Integer> got = new ArrayList<>();
            while (it.hasNext()) got.add(it.next(Duration.ofSeconds(60)));
            assertEquals(List.of(0, 2, 4), got);
            assertThrows(NoSuchElementException.class, it::next);

            PoolIterator<Integer> un = pool.imapUnordered(n -> {
                if (n == 0) release.get();
                return n;
            }, List.of(0, 1));
            assertEquals(1, un.next(Duration.ofSeconds(60)), "the one not held comes first");
            release.put(1);
            assertEquals(0, un.next(Duration.ofSeconds(60)));
            assertFalse(un.hasNext());
        }
    }

    @Test
    void applyAsyncGetTimesOut() throws Exception {
        pool = new Pool(1);
        try (Queue<Integer> release = new Queue<>()) {
            AsyncResult<String> r = pool.applyAsync(() -> "late" + release.get());
            assertThrows(UncheckedTimeoutException.class, () -> r.get(Duration.ofMillis(50)));
            assertFalse(r.ready());
            assertThrows(IllegalStateException.class, r::successful);
            assertFalse(r.waitFor(Duration.ofMillis(10)));
            release.put(1);
            assertEquals("late1", r.get(Duration.ofSeconds(60)));
        }
    }

    @Test
    void initializerRunsOncePerWorkerBeforeItsTasks() {
        pool = new Pool(2, () -> InitCount.runs++);
        List<String> seen = pool.map(n -> ProcessHandle.current().pid() + ":" + InitCount.runs,
                IntStream.range(0, 40).boxed().toList(), 1);
        for (String s : seen) assertTrue(s.endsWith(":1"), seen.toString());
        assertEquals(0, InitCount.runs, "not in the parent");
    }

    @Test
    void maxTasksPerChildReplacesTheWorker() {
        pool = new Pool(Pool.options().processes(1).maxTasksPerChild(2));
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 5; i++) pids.add(pool.apply(() -> ProcessHandle.current().pid()));
        assertEquals(pids.get(0), pids.get(1));
        assertNotEquals(pids.get(1), pids.get(2));
        assertEquals(pids.get(2), pids.get(3));
        assertNotEquals(pids.get(3), pids.get(4));
    }

    @Test
    void joinBeforeCloseIsAnErrorAndCloseLetsQueuedTasksFinish() throws Exception {
        pool = new Pool(2);
        try (Queue<Integer> release = new Queue<>()) {
            AsyncResult<Integer> late = pool.applyAsync(() -> release.get() + 6); // still running at close()
            IllegalStateException e = assertThrows(IllegalStateException.class, pool::join);
            assertTrue(e.getMessage().contains("close"), e.getMessage());
            pool.close();
            assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
            assertFalse(late.ready());
            release.put(1);
            pool.join();
            assertEquals(7, late.get());
            assertTrue(pool.workers().isEmpty());
        }
    }

    @Test
    void terminateFailsPendingTasks() {
        pool = new Pool(1);
        AsyncResult<Integer> running = pool.applyAsync(() -> {
            Thread.sleep(60_000);
            return 1;
        });
        AsyncResult<Integer> queued = pool.applyAsync(() -> 2);
        pool.terminate();
        pool.join();
        assertThrows(java.util.concurrent.CancellationException.class, running::get);
        assertThrows(java.util.concurrent.CancellationException.class, queued::get);
    }

    @Test
    void anEndAPoolFunctionCapturesIsHeldUntilThePoolEndsAndLeavesTheParentsHoldAlone() {
        Pipe pipe = Pipe.create();
        Connection a = pipe.receiver();
        Connection b = pipe.sender();
        pool = new Pool(2);
        // Fresh workers take one chunk each, so both open their copy of the function (and of b).
        assertEquals(List.of(1, 2), pool.map(i -> {
            b.send(i);
            return i;
        }, List.of(1, 2), 1));
        assertEquals(Set.of(1, 2), Set.of(a.recv(), a.recv()));
        pool.terminate();
        pool.join();
        // Waiting lets the reader forget holders that died (the workers): only the parent's own hold is left.
        assertFalse(a.poll(Duration.ofMillis(300)), "the parent has not closed its own end");
        b.close();
        assertTrue(a.poll(Duration.ofSeconds(10)), "end of file: the parent closed its end and the pool has ended");
        assertThrows(PipeEOFException.class, a::recv);
        a.close();
    }
}
