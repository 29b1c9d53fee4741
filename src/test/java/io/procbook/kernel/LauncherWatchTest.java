package io.procbook.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherWatchTest {
    @Test
    void noticesWhenTheWatchedProcessDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        try {
            LauncherWatch.Target target = LauncherWatch.target(Long.toString(parent.pid())).orElseThrow();
            assertEquals(parent.pid(), target.pid());
            assertTrue(target.alive().getAsBoolean());
            CountDownLatch died = new CountDownLatch(1);
            ScheduledExecutorService watch = LauncherWatch.start(target, died::countDown);
            assertFalse(died.await(0, TimeUnit.MILLISECONDS));
            parent.destroy();
            assertTrue(died.await(20, TimeUnit.SECONDS), "death noticed");
            assertTrue(watch.awaitTermination(20, TimeUnit.SECONDS), "watch thread ends");
        } finally {
            parent.destroyForcibly();
            assertTrue(parent.waitFor(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void aParentThatIsAlreadyGoneCountsAsDead() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        LauncherWatch.Target target = LauncherWatch.target(Long.toString(p.pid())).orElseThrow();
        assertFalse(target.alive().getAsBoolean());
    }

    @Test
    void withoutJpyParentPidTheLaunchingProcessIsWatched() {
        LauncherWatch.Target target = LauncherWatch.target(null).orElseThrow();
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), target.pid());
        assertTrue(target.alive().getAsBoolean());
        assertTrue(LauncherWatch.target("1").isEmpty(), "init is never watched");
        assertEquals(target.pid(), LauncherWatch.target("not-a-pid").orElseThrow().pid());
    }
}
