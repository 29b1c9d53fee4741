package io.procbook.mp;

import io.procbook.testing.Poll;
import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressState.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pool methods that take a {@link Progress}: counted per chunk as chunks finish, ended (done or failed)
 * before the caller sees the outcome, nothing shown for refused work. On a {@link ThreadPool}: the same code
 * path as a process pool from the chunk up, without child JVMs.
 */
class PoolProgressTest {

    private static final long S = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(S);
    private final RecordingProgress shown = new RecordingProgress();
    private ThreadPool pool;

    @AfterEach
    void endPool() {
        if (pool != null) {
            pool.terminate();
            pool.join();
        }
    }

    /** A clock that moves a second per reading: every chunk is worth a redraw. */
    private Progress everyChunk(String description) {
        Progress p = description == null ? Progress.bar() : Progress.bar(description);
        return p.withClock(() -> now.addAndGet(S)).withHost(shown);
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void mapCountsWholeChunksAndShowsItsFinalStateBeforeItReturns() {
        pool = new ThreadPool(2);
        List<Integer> squares = pool.map(x -> x * x, range(100), everyChunk("squares"));
        assertEquals(range(100).stream().map(x -> x * x).toList(), squares);
        ProgressState end = shown.last();
        assertEquals(Phase.DONE, end.phase(), "final before map returned");
        assertEquals(100, end.done());
        assertEquals(1, shown.finals());
        assertEquals(1, shown.opened.get());
        // default chunks: ceil(100 / (4 * 2)) = 13 items, the last chunk 9
        assertTrue(shown.states.size() <= 1 + 8, "at most one drawing per chunk: " + shown.states.size());
        for (ProgressState s : shown.states) {
            long p = s.processed();
            assertTrue(p % 13 == 0 || p % 13 == 9, "counted per chunk, not per item: " + p);
        }
        assertTrue(end.text().startsWith("squares 100% |####################| 100/100  done in "), end.text());
    }

    @Test
    void aFailedTaskEndsTheMapsBarAsFailedBeforeMapThrows() {
        pool = new ThreadPool(2);
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.map(x -> 10 / (x - 50), range(100), everyChunk(null)));
        assertInstanceOf(ArithmeticException.class, e.getCause());
        ProgressState end = shown.last();
        assertEquals(Phase.FAILED, end.phase());
        assertEquals("ArithmeticException: / by zero", end.failure());
        assertTrue(end.failed() >= 13, "the failed chunk's items: " + end.failed());
        assertTrue(end.text().startsWith("map "), "named after the method: " + end.text());
        assertTrue(end.text().contains("FAILED after"), end.text());
        assertEquals(1, shown.finals());
    }

    @Test
    void imapCountsResultsAsTheyFinishGoesOnPastFailuresAndSaysHowManyFailed() {
        pool = new ThreadPool(2);
        Drained<Integer> results = Drained.of(pool.imapUnordered(x -> 100 / (x % 5), range(20), everyChunk(null)));
        assertEquals(16, results.values().size());
        assertEquals(4, results.failures().size());
        for (RuntimeException e : results.failures()) assertInstanceOf(TaskFailedException.class, e);
        ProgressState end = shown.last();
        assertEquals(Phase.DONE, end.phase());
        assertEquals(16, end.done());
        assertEquals(4, end.failed());
        assertTrue(end.text().startsWith("imapUnordered 100% |####################| 20/20, 4 failed  done in "), end.text());
        assertEquals("ArithmeticException: / by zero", end.failure());
        assertTrue(end.details().endsWith("; first failure: ArithmeticException: / by zero"), end.details());
    }

    @Test
    void imapAndStarmapNameTheirBarsAndCountEveryItem() {
        pool = new ThreadPool(2);
        PoolIterator<Integer> it = pool.imap(x -> x + 1, range(10), everyChunk(null));
        int sum = 0;
        while (it.hasNext()) sum += it.next();
        assertEquals(55, sum);
        assertTrue(shown.last().text().startsWith("imap 100% "), shown.last().text());
        assertEquals(List.of(3, 7), pool.starmap((Integer a, Integer b) -> a + b, List.of(List.of(1, 2), List.of(3, 4)),
                everyChunk(null)));
        assertTrue(shown.last().text().startsWith("starmap 100% |####################| 2/2  done in "), shown.last().text());
        assertEquals(2, shown.finals());
    }

    @Test
    void aTrackedPoolIteratorTakesWhatIsLeftAsItsTotal() {
        pool = new ThreadPool(2);
        PoolIterator<Integer> results = pool.imap(x -> x * 2, range(12));
        assertEquals(12, results.remaining());
        assertEquals(0, results.next());
        assertEquals(11, results.remaining());
        int n = 0;
        for (var it = everyChunk("consumed").track(results); it.hasNext(); it.next()) n++;
        assertEquals(11, n);
        assertEquals(0, results.remaining());
        assertEquals(11, shown.last().total());
        assertEquals(Phase.DONE, shown.last().phase());
    }

    @Test
    void refusedWorkShowsNoBar() {
        pool = new ThreadPool(1);
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.map(x -> x, range(3), everyChunk("refused")));
        assertThrows(IllegalStateException.class, () -> pool.imap(x -> x, range(3), everyChunk("refused")));
        assertEquals(List.of(), shown.states);
        assertThrows(NullPointerException.class, () -> pool.map(x -> x, range(3), (Progress) null));
    }

    @Test
    void noneRunsTheWorkWithoutABar() {
        pool = new ThreadPool(2);
        assertEquals(List.of(0, 2, 4), pool.map(x -> 2 * x, range(3), Progress.none()));
    }

    @Test
    void asCompletedCountsFailedForeignFuturesAsFailed() throws Exception {
        java.util.concurrent.ExecutorService jdk = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Integer>> futures = List.of(jdk.submit(() -> 1),
                    jdk.submit(() -> { throw new IllegalStateException("foreign failure"); }), jdk.submit(() -> 3));
            int taken = 0;
            for (var it = ProcessPoolExecutor.asCompleted(futures, everyChunk("foreign")); it.hasNext(); it.next()) taken++;
            assertEquals(3, taken);
            ProgressState end = shown.last();
            assertEquals(Phase.DONE, end.phase());
            assertEquals(2, end.done());
            assertEquals(1, end.failed());
            assertEquals("IllegalStateException: foreign failure", end.failure());
        } finally {
            jdk.shutdownNow();
        }
    }

    @Test
    void whileNothingFinishesTheElapsedTimeStillMovesAndTheTickerEndsWithTheLastBar() throws Exception {
        pool = new ThreadPool(1);
        CountDownLatch release = new CountDownLatch(1);
        Progress p = Progress.bar("stuck").withClock(now::get).withHost(shown);
        CompletableFuture<List<Boolean>> done = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                done.complete(pool.map(x -> release.await(60, TimeUnit.SECONDS), range(2), p));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        caller.start();
        Poll.until("shown once submitted", () -> shown.states.size() == 1, 20_000);
        assertEquals(1, shown.states.size(), "shown once submitted");
        now.addAndGet(5 * S);
        Poll.until("the progress timer redrew the waiting bar", () -> shown.states.size() == 2, 20_000);
        assertEquals(2, shown.states.size(), "the progress timer redrew the waiting bar");
        assertEquals(Phase.RUNNING, shown.last().phase());
        assertEquals("elapsed 5.0 s", shown.last().details());
        release.countDown();
        assertEquals(List.of(true, true), done.get(60, TimeUnit.SECONDS));
        assertEquals(Phase.DONE, shown.last().phase());
        Poll.until("the timer thread ends with the last running bar", PoolProgressTest::noTicker, 20_000);
        assertTrue(noTicker(), "the timer thread ends with the last running bar");
    }

    private static boolean noTicker() {
        return Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().equals(ProgressTicker.THREAD_NAME));
    }
}
