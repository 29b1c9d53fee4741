package io.procbook.mp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProcessListener;
import io.procbook.testing.LogCapture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A host's bug in a listener or an output sink neither stops the child nor silences the rest of the host, and is
 * logged at WARNING for whoever turns the log on.
 */
class HostBugTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();
    private final LogCapture log = LogCapture.named("io.procbook.mp.internal.Listeners");
    private final LogCapture sinkLog = LogCapture.named("io.procbook.mp.internal.SinkFailures");
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final CountDownLatch exited = new CountDownLatch(1);
    private final ProcessListener broken = new ProcessListener() {
        @Override
        public void started(ChildProcess child) { throw new IllegalStateException("listener bug at start"); }

        @Override
        public void exited(ChildProcess child, int exitCode) { throw new IllegalStateException("listener bug at exit"); }
    };
    private final ProcessListener recording = new ProcessListener() {
        @Override
        public void started(ChildProcess child) { heard.add("started " + child.pid()); }

        @Override
        public void exited(ChildProcess child, int exitCode) {
            heard.add("exited " + child.pid() + " " + exitCode);
            exited.countDown();
        }
    };

    @AfterEach
    void cleanUp() {
        Hooks.removeListener(broken);
        Hooks.removeListener(recording);
        Hooks.setOutputRouter(null);
        log.close();
        sinkLog.close();
        leaks.assertClean();
    }

    @Test
    void theOtherListenersHearOfStartAndExitAndTheFailureIsLogged() throws Exception {
        Hooks.addListener(broken); // first: its failure comes before the others are told
        Hooks.addListener(recording);
        Process p = new Process(() -> { });
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertTrue(exited.await(30, TimeUnit.SECONDS), "the second listener heard of the exit: " + heard);
        assertEquals(List.of("started " + p.pid(), "exited " + p.pid() + " 0"), heard);
        assertTrue(log.warned("threw on 'started'"), "logged: " + log.warnings());
        assertTrue(log.warned("threw on 'exited'"), "logged: " + log.warnings());
    }

    @Test
    void aSinkThatThrowsLosesItsTextButNotTheChildAndIsLoggedOnce() throws Exception {
        AtomicInteger writes = new AtomicInteger();
        Hooks.setOutputRouter(child -> (stderr, text) -> {
            writes.incrementAndGet();
            throw new IllegalStateException("sink bug");
        });
        Process p = new Process(() -> {
            System.out.println("to out");
            System.err.println("to err"); // another stream: another write, after the first one threw
        });
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertTrue(writes.get() > 1, "the sink was handed text again after it threw: " + writes.get());
        assertEquals(1, sinkLog.warnings().size(), "the first failure warns, later ones do not: " + sinkLog.warnings());
        assertTrue(sinkLog.warnings().get(0).getThrown() instanceof IllegalStateException);
    }
}
