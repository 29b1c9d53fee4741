package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.testing.LogCapture;
import io.procbook.testing.Poll;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A monitor whose rendering throws is logged and keeps sampling; only one broken for good is dropped. */
class SamplerFailureTest {

    private final LogCapture log = LogCapture.of(Sampler.class);
    private volatile boolean spin = true;
    private final Thread busy = new Thread(() -> {
        long x = 0;
        while (spin) x++;
        if (x == 42) System.out.print(""); // keeps the loop from being optimised away
    }, "sampler-failure-busy");
    private CellMonitor monitor;
    private FailingView view;

    @BeforeEach
    void startBusyThread() {
        busy.setDaemon(true);
        busy.start();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        spin = false;
        busy.join(10_000);
        if (view != null) view.heal();
        if (monitor != null) monitor.close();
        log.close();
    }

    @Test
    void aTickThatThrowsOnceIsLoggedAndSamplingGoesOn() throws Exception {
        view = new FailingView(1);
        monitor = new CellMonitor("flaky", view);
        monitor.show();
        monitor.watchThread(busy);
        // the first update throws; before, that tick detached the monitor and no update ever came again
        view.recorded.awaitCalls(3, 30_000);
        assertTrue(view.thrown.get() >= 1, "the view threw " + view.thrown.get() + " times");
        assertTrue(log.warnings().stream().anyMatch(r -> r.getMessage().contains("flaky")
                                                         && r.getThrown() instanceof IllegalStateException),
                   "the failure was logged at WARNING with its exception: " + log.warnings());
    }

    @Test
    void aMonitorThatFailsEveryTickIsDroppedWithALogRecord() throws Exception {
        view = new FailingView(Integer.MAX_VALUE);
        monitor = new CellMonitor("broken", view);
        monitor.show();
        monitor.watchThread(busy);
        Poll.until(() -> "the monitor dropped; still attached after " + view.thrown.get() + " failures",
                () -> !Sampler.instance().attached().contains(monitor), 60_000);
        assertTrue(view.thrown.get() >= Sampler.MAX_FAILED_TICKS, "dropped after " + view.thrown.get() + " failures");
        assertTrue(log.warned("stopped monitoring broken"), "the drop was logged: " + log.warnings());
    }

    /** Shows fine; its first {@code failures} updates throw, later ones are recorded. */
    private static final class FailingView implements MonitorView {
        final RecordingView recorded = new RecordingView();
        final AtomicInteger thrown = new AtomicInteger();
        private volatile int failures;

        FailingView(int failures) {
            this.failures = failures;
        }

        /** From now on every update is recorded (so that closing the monitor renders its summary). */
        void heal() { failures = 0; }

        @Override
        public void show(Map<String, Object> mimeBundle, Map<String, Object> metadata) {
            recorded.show(mimeBundle, metadata);
        }

        @Override
        public void update(Map<String, Object> mimeBundle, Map<String, Object> metadata) {
            if (thrown.get() < failures) {
                thrown.incrementAndGet();
                throw new IllegalStateException("a rendering bug");
            }
            recorded.update(mimeBundle, metadata);
        }
    }
}
