package io.procbook.mp.pool;

import io.procbook.mp.AsyncResult;
import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.Pool;
import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProcessListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool ended by {@code close(); join()} lets every worker go with exit code 0, the one still starting as the
 * pool closed included: the monitor shows them as {@code exited(0)}, not as killed by a signal.
 */
class PoolCloseExitTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private Pool pool;
    /** This test's pool's worker names start with this (pools are numbered in the JVM). */
    private volatile String prefix;

    @AfterEach
    void nothingLeft() {
        WarmJvms.endAndCheck(pool, leaks);
    }

    @Test
    void aReplacementWorkerThatStartsAfterCloseExitsNormally() throws Exception {
        Map<String, Integer> exits = new ConcurrentHashMap<>();
        // W1 and W2; the replacement of the first to retire; the replacement of the second (after close)
        CountDownLatch fourExits = new CountDownLatch(4);
        ProcessListener listener = new ProcessListener() {
            @Override
            public void exited(ChildProcess child, int exitCode) {
                String mine = prefix;
                if (mine == null || !child.name().startsWith(mine)) return;
                exits.put(child.name(), exitCode);
                fourExits.countDown();
            }
        };
        Hooks.addListener(listener);
        try {
            pool = new Pool(Pool.options().processes(2).maxTasksPerChild(1));
            String name = pool.workers().get(0).name();
            prefix = name.substring(0, name.lastIndexOf('-') + 1);
            CountDownLatch inCallback = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // The callback holds the pool's handler thread, which also starts replacement workers: the
            // replacement of the worker that runs the second task can only start once the pool is closed.
            AsyncResult<Integer> first = pool.applyAsync(() -> 1, v -> {
                inCallback.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertTrue(inCallback.await(30, TimeUnit.SECONDS), "the first task's callback runs");
            assertEquals(1, first.get());
            assertEquals(2, pool.apply(() -> 2));
            pool.close();
            release.countDown();
            pool.join();
            assertTrue(fourExits.await(30, TimeUnit.SECONDS), () -> "four workers exited: " + exits);
            assertEquals(Map.of(prefix + 1, 0, prefix + 2, 0, prefix + 3, 0, prefix + 4, 0), exits);
        } finally {
            Hooks.removeListener(listener);
        }
    }
}
