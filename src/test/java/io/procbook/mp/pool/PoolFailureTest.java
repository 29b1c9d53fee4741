package io.procbook.mp.pool;

import io.procbook.testing.Poll;
import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.Pool;
import io.procbook.mp.PoolIterator;
import io.procbook.mp.TaskFailedException;
import io.procbook.mp.WorkerDiedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.*;

/** Failures never hang a pool: task exceptions, unserializable results, workers that die mid-task. */
class PoolFailureTest {

    /** Trials of killing a worker mid-map, each costing a replacement JVM start (0.2-0.5 s here, depending on load). */
    private static final int KILL_TRIALS = 100;

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private Pool pool;

    @AfterEach
    void nothingLeft() {
        WarmJvms.endAndCheck(pool, leaks);
    }

    /** Kills the JVM it runs in with SIGKILL, as an outside kill -9 would. */
    static int killSelf() throws Exception {
        new ProcessBuilder("kill", "-9", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
        Thread.sleep(60_000);
        return -1;
    }

    @Test
    void aTaskExceptionFailsOnlyThatTaskWithTheWorkersStackTrace() {
        pool = new Pool(2);
        var bad = pool.applyAsync(PoolFailureTest::boom);
        var good = pool.applyAsync(() -> 5);
        TaskFailedException e = assertThrows(TaskFailedException.class, bad::get);
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("bad input 3", e.getCause().getMessage());
        StringWriter trace = new StringWriter();
        e.getCause().printStackTrace(new PrintWriter(trace));
        assertTrue(trace.toString().contains("PoolFailureTest.boom"), trace.toString());
        assertTrue(bad.ready());
        assertFalse(bad.successful());
        assertEquals(5, good.get());
        assertEquals(List.of(2, 4), pool.map(n -> n * 2, List.of(1, 2)), "the pool keeps serving");
    }

    static int boom() {
        throw new IllegalArgumentException("bad input 3");
    }

    @Test
    void anUnserializableResultFailsItsTaskClearly() {
        pool = new Pool(1);
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(() -> new Object()));
        assertTrue(e.getCause().getMessage().contains("cannot be sent back"), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains("java.lang.Object"), e.getCause().getMessage());
        IllegalArgumentException arg = assertThrows(IllegalArgumentException.class,
                () -> pool.apply(o -> o.toString(), new Object()));
        assertTrue(arg.getMessage().contains("Serializable"), arg.getMessage());
        assertEquals(3, pool.apply(() -> 3));
    }

    @Test
    void systemExitInATaskFailsItWithTheExitCodeAndTheWorkerIsReplaced() {
        pool = new Pool(1);
        long before = pool.apply(() -> ProcessHandle.current().pid());
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> pool.apply(() -> {
            System.exit(3);
            return 0;
        }));
        WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
        assertEquals(3, died.exitCode());
        assertTrue(died.getMessage().startsWith("worker died (exit code 3)"), died.getMessage());
        long after = pool.apply(() -> ProcessHandle.current().pid());
        assertNotEquals(before, after);
    }

    @Test
    void killingAWorkerMidMapFailsThatTaskOnlyAndNeverHangs() throws InterruptedException {
        pool = new Pool(2);
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        for (int trial = 0; trial < KILL_TRIALS; trial++) {
            int victim = trial % items.size();
            PoolIterator<Integer> it = pool.imap(n -> n == victim ? killSelf() : n * n, items);
            for (int n : items) {
                if (n == victim) {
                    TaskFailedException e = assertThrows(TaskFailedException.class, () -> it.next(Duration.ofSeconds(60)),
                            "trial " + trial);
                    assertEquals(-9, assertInstanceOf(WorkerDiedException.class, e.getCause()).exitCode());
                } else {
                    assertEquals(n * n, it.next(Duration.ofSeconds(60)), "trial " + trial + " item " + n);
                }
            }
            assertFalse(it.hasNext());
        }
        Poll.until("the last replacement to come up", () -> pool.workers().size() >= 2, 60_000);
        assertEquals(2, pool.workers().size(), "the last replacement came up");
    }
}
