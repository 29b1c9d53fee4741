package io.procbook.mp.pool;

import io.procbook.mp.AsyncResult;
import io.procbook.mp.ChildLeakCheck;
import io.procbook.mp.Pool;
import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProcessListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What a host (the kernel) relies on: every worker is announced as a POOL_WORKER on a thread that carries the
 * pool creator's inheritable context (the kernel's cell binding), replacements included; callbacks run with
 * that context; workers terminated from outside (the kernel interrupting the cell) end the pool.
 */
class PoolHostTest {

    private static final InheritableThreadLocal<String> CELL = new InheritableThreadLocal<>();
    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private final Map<Long, String> startedIn = new ConcurrentHashMap<>();
    private final ProcessListener listener = new ProcessListener() {
        @Override
        public void started(ChildProcess child) {
            if (child.kind() == ChildProcess.Kind.POOL_WORKER) startedIn.put(child.pid(), String.valueOf(CELL.get()));
        }
    };
    private Pool pool;

    @AfterEach
    void nothingLeft() {
        Hooks.removeListener(listener);
        CELL.remove();
        WarmJvms.endAndCheck(pool, leaks);
    }

    @Test
    void workersAndReplacementsAreAttributedToTheCreatorsContext() throws Exception {
        Hooks.addListener(listener);
        CELL.set("cell-7");
        pool = new Pool(Pool.options().processes(2).maxTasksPerChild(1));
        CELL.set("cell-8"); // the pool belongs to where it was made
        List<Long> pids = pool.map(n -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4), 1);
        for (long pid : pids) assertEquals("cell-7", startedIn.get(pid), pid + " in " + startedIn);
        CountDownLatch done = new CountDownLatch(1);
        String[] seen = new String[1];
        pool.applyAsync(() -> 1, Pool.callback(v -> {
            seen[0] = CELL.get();
            done.countDown();
        }).errorCallback(e -> { }));
        assertTrue(done.await(60, TimeUnit.SECONDS));
        assertEquals("cell-7", seen[0]);
    }

    @Test
    void workersTerminatedFromOutsideEndThePoolAndFailItsTasks() throws Exception {
        pool = new Pool(2);
        AsyncResult<Integer> running = pool.applyAsync(() -> {
            Thread.sleep(60_000);
            return 1;
        });
        AsyncResult<List<Integer>> queued = pool.mapAsync(n -> {
            Thread.sleep(60_000);
            return n;
        }, List.of(1, 2, 3), 1);
        for (ChildProcess w : pool.workers()) w.terminate(); // what the kernel does on interrupt
        assertThrows(CancellationException.class, running::get);
        assertThrows(CancellationException.class, queued::get);
        pool.join();
        assertTrue(pool.workers().isEmpty());
        assertThrows(IllegalStateException.class, () -> pool.apply(() -> 1));
    }
}
