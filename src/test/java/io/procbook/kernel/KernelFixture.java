package io.procbook.kernel;

import io.procbook.testing.Poll;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A kernel on free loopback ports with a fake engine, plus a connected client; closing checks nothing leaks. */
final class KernelFixture implements AutoCloseable {
    static final String KEY = "a0436f6c-1916-498b-8eb9-e81ab9368e84";

    final FakeEngine engine = new FakeEngine();
    final CountDownLatch exited = new CountDownLatch(1);
    final java.util.List<String> problemLog = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Kernel kernel;
    final TestClient client;

    KernelFixture() {
        this(History.inMemory(1000), KEY);
    }

    KernelFixture(History history, String key) {
        this(history, key, true);
    }

    private KernelFixture(History history, String key, boolean subscribed) {
        ConnectionInfo info = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, key, "hmac-sha256");
        kernel = Kernel.start(info, engine, history, new ProblemLog(problemLog::add), exited::countDown);
        client = new TestClient(kernel.ports(), key, subscribed);
        if (subscribed) {
            client.awaitIopubConnected();
        }
    }

    /** A kernel whose client has connected its iopub socket but not yet subscribed: nothing it sent has come. */
    static KernelFixture withIopubNotSubscribed() {
        return new KernelFixture(History.inMemory(1000), KEY, false);
    }

    /** Shuts the kernel down (if a test did not) and checks that every kernel thread and socket is gone. */
    @Override
    public void close() throws InterruptedException {
        try {
            kernel.shutdown("test finished");
            assertTrue(kernel.awaitTermination(10, TimeUnit.SECONDS), "kernel did not terminate");
            assertTrue(exited.await(10, TimeUnit.SECONDS), "exit action did not run");
            assertTrue(kernel.allThreadsEnded(), "kernel threads still running after shutdown");
        } finally {
            client.close();
        }
        assertNoKernelThreadsLeft();
    }

    /** Polls (generous deadline) until no kernel or JeroMQ thread is alive: tests must not leak threads. */
    static void assertNoKernelThreadsLeft() {
        Poll.until(() -> "threads left running: " + kernelThreads(), () -> kernelThreads().isEmpty(), 10_000);
    }

    private static java.util.List<String> kernelThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("procbook-") || n.startsWith("reaper-") || n.startsWith("iothread-"))
                .toList();
    }
}
