package io.procbook.mp.pool;

import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.Drained;
import io.procbook.mp.Pool;
import io.procbook.mp.ProcessPoolExecutor;
import io.procbook.mp.Progress;
import io.procbook.mp.RecordingProgress;
import io.procbook.mp.TaskFailedException;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProgressState;
import io.procbook.mp.spi.ProgressState.Phase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Progress bars of work in worker JVMs, shown through the installed {@link Hooks#progressHost()}. */
class ProcessPoolProgressTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private final RecordingProgress shown = new RecordingProgress();
    private Pool pool;
    private ProcessPoolExecutor executor;

    @BeforeEach
    void installHost() {
        Hooks.setProgressHost(shown);
    }

    @AfterEach
    void nothingLeft() {
        Hooks.setProgressHost(null);
        if (executor != null) executor.close();
        WarmJvms.endAndCheck(pool, leaks);
    }

    static int boomAt(int x, int bad) {
        if (x == bad) throw new IllegalStateException("item " + x);
        return x;
    }

    @Test
    void aProcessPoolMapEndsItsBarWithTheMap() {
        pool = new Pool(2);
        List<Integer> items = IntStream.range(0, 1000).boxed().toList();
        assertEquals(items, pool.map(x -> x, items, Progress.bar("identity")));
        ProgressState end = shown.last();
        assertEquals(Phase.DONE, end.phase());
        assertEquals(1000, end.done());
        for (ProgressState s : shown.states) assertEquals(0, s.processed() % 125, "per chunk of 125: " + s.processed());
        TaskFailedException e = assertThrows(TaskFailedException.class,
                () -> pool.map(x -> boomAt(x, 7), items, Progress.bar("boom")));
        assertEquals("item 7", e.getCause().getMessage());
        assertEquals(Phase.FAILED, shown.last().phase());
        assertEquals("IllegalStateException: item 7", shown.last().failure());
    }

    @Test
    void anExecutorsMapAndAsCompletedCountFinishedAndFailedTasks() throws Exception {
        executor = new ProcessPoolExecutor(2);
        Drained<Integer> results = Drained.of(executor.map(x -> boomAt(x, 3), List.of(1, 2, 3, 4, 5),
                Progress.bar("executor map")));
        assertEquals(List.of(1, 2, 4, 5), results.values());
        assertEquals(1, results.failures().size());
        assertEquals("item 3", results.failures().get(0).getCause().getMessage());
        assertEquals(Phase.DONE, shown.last().phase());
        assertEquals(4, shown.last().done());
        assertEquals(1, shown.last().failed());

        List<Future<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int x = i;
            futures.add(executor.submit(() -> boomAt(x, 2)));
        }
        int failed = 0;
        for (Iterator<Future<Integer>> done = ProcessPoolExecutor.asCompleted(futures, Progress.bar("jobs")); done.hasNext(); ) {
            try {
                done.next().get();
            } catch (ExecutionException e) {
                failed++;
            }
        }
        assertEquals(1, failed);
        ProgressState end = shown.last();
        assertTrue(end.text().startsWith("jobs 100% |####################| 4/4, 1 failed  done in "), end.text());
        assertEquals("IllegalStateException: item 2", end.failure());
        assertEquals(2, shown.opened.get());
        assertEquals(2, shown.finals());
    }
}
