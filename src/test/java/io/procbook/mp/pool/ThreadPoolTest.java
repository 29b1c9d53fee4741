package io.procbook.mp.pool;

import io.procbook.mp.AsyncResult;
import io.procbook.mp.BrokenProcessPoolException;
import io.procbook.mp.Pool;
import io.procbook.mp.PoolIterator;
import io.procbook.mp.TaskFailedException;
import io.procbook.mp.ThreadPool;
import io.procbook.mp.UncheckedTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** ThreadPool: Pool's API with threads of this JVM (S29 compares the two by changing one word). */
class ThreadPoolTest {

    @Test
    void sameApiRunsOnThreadsOfThisProcess() throws Exception {
        AtomicInteger inits = new AtomicInteger();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        // The first two tasks wait for each other, so the map provably runs on more than one thread
        // (100 tiny tasks could otherwise all land on one).
        CountDownLatch meet = new CountDownLatch(2);
        Pool pool = new ThreadPool(3, inits::incrementAndGet);
        try {
            long me = ProcessHandle.current().pid();
            assertEquals(me, pool.apply(() -> ProcessHandle.current().pid()));
            assertEquals(IntStream.range(0, 100).map(n -> n * n).boxed().toList(),
                    pool.map(n -> {
                        threads.add(Thread.currentThread().getName());
                        meet.countDown();
                        meet.await(60, TimeUnit.SECONDS);
                        return n * n;
                    }, IntStream.range(0, 100).boxed().toList(), 1));
            assertEquals(List.of(3, 7), pool.starmap((Integer a, Integer b) -> a + b, List.of(List.of(1, 2), List.of(3, 4))));
            CountDownLatch called = new CountDownLatch(1);
            List<Thread> callbackThread = new ArrayList<>();
            AsyncResult<Integer> r = pool.applyAsync(() -> 5, Pool.callback(v -> {
                callbackThread.add(Thread.currentThread());
                called.countDown();
            }).errorCallback(e -> { }));
            assertEquals(5, r.get());
            assertTrue(called.await(60, TimeUnit.SECONDS));
            assertSame(pool.resultHandlerThread(), callbackThread.get(0));
            CountDownLatch release = new CountDownLatch(1);
            PoolIterator<Integer> it = pool.imap(n -> {
                if (n == 0) release.await(); // item 0 is late until the test lets it go
                return n;
            }, List.of(0, 1));
            assertThrows(UncheckedTimeoutException.class, () -> it.next(Duration.ofMillis(20)));
            release.countDown();
            assertEquals(0, it.next());
            assertEquals(1, it.next());
            assertFalse(it.hasNext());
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(() -> {
                throw new IllegalStateException("t");
            }));
            assertEquals("t", e.getCause().getMessage());
            assertThrows(IllegalStateException.class, pool::join);
        } finally {
            pool.close();
            pool.join();
        }
        assertEquals(3, inits.get(), "initializer once per thread");
        assertTrue(threads.size() > 1 && threads.size() <= 3, threads.toString());
        assertFalse(pool.resultHandlerThread().isAlive() && !waitEnded(pool.resultHandlerThread()));
    }

    @Test
    @Timeout(180) // a guard only: without the fix both the get and the join below never return
    void failingInitializerBreaksThePoolInsteadOfHanging() throws Exception {
        CountDownLatch queued = new CountDownLatch(1);
        Pool pool = new ThreadPool(2, () -> {
            queued.await(); // the task below is queued before any initializer fails
            throw new IllegalStateException("init failed");
        });
        try {
            AsyncResult<Integer> r = pool.applyAsync(() -> 1);
            queued.countDown();
            TaskFailedException e = assertThrows(TaskFailedException.class, () -> r.get(Duration.ofSeconds(60)));
            BrokenProcessPoolException broken = assertInstanceOf(BrokenProcessPoolException.class, e.getCause());
            assertEquals("init failed", broken.getCause().getMessage());
            BrokenProcessPoolException later = assertThrows(BrokenProcessPoolException.class, () -> pool.apply(() -> 2));
            assertEquals("init failed", later.getCause().getMessage());
        } finally {
            pool.close();
            pool.join();
        }
        assertTrue(waitEnded(pool.resultHandlerThread()), "the result handler ends with the broken pool");
    }

    @Test
    void tooFewThreadsIsRefusedBeforeAnyThreadStarts() {
        Set<Thread> before = handlerThreads();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ThreadPool(0));
        assertEquals("threads must be at least 1, not 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ThreadPool(-1, () -> { }));
        Set<Thread> started = handlerThreads();
        started.removeAll(before);
        assertEquals(Set.of(), started, "a refused pool leaves no result-handler thread");
    }

    private static Set<Thread> handlerThreads() {
        Set<Thread> out = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().equals("ThreadPool-result-handler")).forEach(out::add);
        return out;
    }

    private static boolean waitEnded(Thread t) throws InterruptedException {
        t.join(60_000);
        return !t.isAlive();
    }
}
