package io.procbook.mp.names;

import io.procbook.mp.Barrier;
import io.procbook.mp.BaseManager;
import io.procbook.mp.CalledProcessException;
import io.procbook.mp.CompletedProcess;
import io.procbook.mp.Connection;
import io.procbook.mp.Pipe;
import io.procbook.mp.Popen;
import io.procbook.mp.Queue;
import io.procbook.mp.RemoteTaskException;
import io.procbook.mp.Subprocess;
import io.procbook.mp.TimeoutExpiredException;
import io.procbook.mp.UncheckedBrokenBarrierException;
import io.procbook.mp.UncheckedTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** One name per idea (issue 19): the new names, and the old ones still working as deprecated forwards. */
class NamesTest {

    private static final byte[] KEY = "names-test-key-0123456789".getBytes(StandardCharsets.UTF_8);

    @Test
    void aOneWayPipesEndsAreNamedForWhatTheyDo() {
        Pipe pipe = Pipe.oneWay();
        try {
            assertThrows(IllegalStateException.class, () -> pipe.receiver().send("x"), "the receiver cannot send");
            assertThrows(IllegalStateException.class, pipe.sender()::recv, "the sender cannot receive");
            pipe.sender().send(List.of(1, 2));
            assertEquals(List.of(1, 2), pipe.receiver().recv());
        } finally {
            pipe.receiver().close();
            pipe.sender().close();
        }
        Pipe duplex = Pipe.create();
        try {
            duplex.receiver().send("back");
            assertEquals("back", duplex.sender().recv(), "a duplex pipe's ends do both");
        } finally {
            duplex.receiver().close();
            duplex.sender().close();
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void oldPipeNamesForwardToTheNewOnes() {
        Pipe pipe = Pipe.create(false);
        try {
            assertSame(pipe.receiver(), pipe.left());
            assertSame(pipe.sender(), pipe.right());
            assertThrows(IllegalStateException.class, () -> pipe.left().send("x"), "create(false) is one-way");
        } finally {
            for (Connection c : List.of(pipe.receiver(), pipe.sender())) c.close();
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void queueSizesUseOneConvention() {
        try (Queue<String> q = new Queue<>(3)) {
            q.put("a");
            q.putNowait("b");
            assertEquals(2, q.size());
            assertEquals(3, q.maxSize());
            assertEquals(q.size(), q.qsize());
            assertEquals(q.maxSize(), q.maxsize());
        }
        try (Queue<String> unbounded = new Queue<>()) {
            assertEquals(0, unbounded.maxSize());
            assertTrue(unbounded.toString().contains("size~0"), unbounded.toString());
        }
    }

    @Test
    @SuppressWarnings("deprecation")
    void anExitCodeHasOneNameEverywhere() {
        CompletedProcess done = Subprocess.run(List.of("sh", "-c", "exit 3"));
        assertEquals(3, done.exitCode());
        assertEquals(3, done.returncode());
        assertTrue(done.toString().contains("returncode=3"), "the printed form keeps Python's word: " + done);
        CalledProcessException e = assertThrows(CalledProcessException.class, done::checkExitCode);
        assertThrows(CalledProcessException.class, done::checkReturncode);
        assertEquals(3, e.exitCode());
        assertEquals(3, e.returncode());
        var p = new Popen(List.of("sh", "-c", "exit 4"));
        assertEquals(4, p.waitFor(Duration.ofSeconds(60)));
        assertEquals(4, p.exitCode());
        assertEquals(4, p.returncode());
    }

    @Test
    void aBarriersKeywordsAreConstructorsOfTheirOwn() {
        java.util.concurrent.atomic.AtomicInteger actions = new java.util.concurrent.atomic.AtomicInteger();
        try (Barrier withAction = new Barrier(1, actions::incrementAndGet)) {
            withAction.await();
            assertEquals(1, actions.get(), "the action ran once the last party arrived");
        }
        try (Barrier withTimeout = new Barrier(2, Duration.ofMillis(50))) {
            assertThrows(UncheckedBrokenBarrierException.class, withTimeout::await,
                    "the default timeout applies: the second party never comes");
        }
    }

    @Test
    void aSubprocessTimeoutIsAnUncheckedTimeout() {
        UncheckedTimeoutException e = assertThrows(UncheckedTimeoutException.class,
                () -> Subprocess.run(List.of("sleep", "60"), Subprocess.options().timeout(Duration.ofMillis(100))));
        assertInstanceOf(TimeoutExpiredException.class, e);
    }

    /** Thrown by a served object: its class is not one a manager connection lets through. */
    static final class NotTransferable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotTransferable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Test
    void aManagersUntransferableExceptionArrivesAsRemoteTaskException() throws Exception {
        var manager = new BaseManager(new InetSocketAddress("127.0.0.1", 0), KEY);
        BlockingQueue<Integer> served = new LinkedBlockingQueue<>(List.of(7));
        manager.register("queue", () -> served);
        manager.register("thrower", () -> (Callable<String> & java.io.Serializable) () -> {
            throw new NotTransferable("refused here", new IllegalStateException("the cause"));
        });
        ExecutorService threads = Executors.newSingleThreadExecutor();
        CompletableFuture<Void> serving = CompletableFuture.runAsync(manager::serve, threads);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (manager.address().getPort() == 0 && System.nanoTime() < deadline) Thread.onSpinWait();
            var client = new BaseManager(manager.address(), KEY).register("queue").register("thrower");
            client.connect();
            BlockingQueue<Integer> q = client.get("queue", BlockingQueue.class); // no unchecked conversion
            Integer first = q.poll(60, TimeUnit.SECONDS);
            assertEquals(7, first);
            Callable<String> thrower = client.get("thrower", Callable.class);
            RemoteTaskException e = assertThrows(RemoteTaskException.class, thrower::call);
            assertEquals(NotTransferable.class.getName(), e.remoteClassName());
            assertEquals("refused here", e.getMessage());
            assertEquals(NotTransferable.class.getName() + ": refused here", e.toString());
            assertEquals("the cause", e.getCause().getMessage(), "the cause chain is copied too");
            client.close();
        } finally {
            manager.shutdown();
            serving.get(60, TimeUnit.SECONDS);
            threads.shutdown();
        }
    }
}
