package io.procbook.mp.manager;

import io.procbook.testing.Poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.BaseManager;
import io.procbook.mp.ManagerException;
import io.procbook.mp.internal.manager.RemoteHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BaseManager across separate JVMs of this host (seed S22), and its failure modes over both transports: shared
 * memory (what a process of this host gets) and TCP (what a remote host gets, forced here with the opt-out).
 */
class DistributedTest {

    private static final String KEY_TEXT = "manager-test-key-abc";
    private static final byte[] KEY = KEY_TEXT.getBytes(StandardCharsets.US_ASCII);

    /** Threads of their own for blocking tasks: the common pool may have a single worker on 2 cores. */
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void nothingLeft() {
        threads.shutdownNow();
        Leftovers.assertNoChildren();
    }

    @Test
    void masterAndWorkerInSeparateJvmsExchangeTenTasksAndTenResults() throws Exception {
        try (Jvms jvms = new Jvms()) {
            List<String> master = new ArrayList<>();
            Process m = jvms.start(List.of(), TaskMaster.class, "127.0.0.1", "0", KEY_TEXT);
            String port = jvms.awaitLine(m, "READY ", master).substring(6);
            jvms.awaitLine(m, "TASKS PUT", master);
            List<String> worker = new ArrayList<>();
            Process w = jvms.start(List.of(), TaskWorker.class, "127.0.0.1", port, KEY_TEXT);
            assertEquals("transport shared memory", jvms.awaitLine(w, "transport ", worker));
            jvms.awaitLine(w, "worker exit", worker);
            jvms.awaitLine(m, "master exit", master);
            assertTrue(w.waitFor(60, TimeUnit.SECONDS));
            assertTrue(m.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, m.exitValue(), String.join("\n", master));
            assertEquals(0, w.exitValue(), String.join("\n", worker));
            List<Integer> put = master.stream().filter(l -> l.startsWith("Put Task "))
                    .map(l -> Integer.parseInt(l.substring(9))).toList();
            List<String> results = master.stream().filter(l -> l.startsWith("Result: ")).map(l -> l.substring(8)).toList();
            assertEquals(10, put.size());
            assertEquals(put.stream().map(n -> n + " * " + n + " = " + n * n).toList(), results);
            assertEquals(10, worker.stream().filter(l -> l.startsWith("run task ")).count());
            assertTrue(Leftovers.portFree(Integer.parseInt(port)), "the master's shutdown freed the port");
        }
    }

    @Test
    void shutdownStopsTheServerProcessAndFreesThePort() throws Exception {
        BlockingQueue<String> q = new LinkedBlockingQueue<>(List.of("a"));
        var manager = new BaseManager(new InetSocketAddress("127.0.0.1", 0), KEY);
        manager.register("queue", () -> q);
        manager.start();
        int port = manager.address().getPort();
        assertTrue(port != 0);
        assertTrue(!Leftovers.portFree(port));
        BlockingQueue<String> proxy = manager.get("queue", BlockingQueue.class);
        assertEquals("a", proxy.poll(), "the supplier's queue was copied into the server process");
        assertNull(proxy.poll(1, TimeUnit.SECONDS), "an empty queue times out");
        assertEquals("shared memory", RemoteHandler.transport(proxy));
        String served = manager.toString();
        long serverPid = Long.parseLong(served.substring(served.indexOf("pid ") + 4, served.length() - 1));
        manager.shutdown();
        assertEquals(List.of(), Leftovers.shmFilesOf(serverPid), "the server process left nothing in shared memory");
        Poll.until("Leftovers.portFree(port)", () -> Leftovers.portFree(port), 60_000);
        assertTrue(Leftovers.portFree(port));
        ManagerException e = assertThrows(ManagerException.class, proxy::poll);
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        manager.shutdown(); // idempotent
    }

    /** JVM options that keep a process's manager connections on TCP, or none (shared memory, same host). */
    private static List<String> options(String transport) {
        return transport.equals("TCP") ? List.of("-Dprocbook.manager.local=false") : List.of();
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared memory", "TCP"})
    void aCallWhoseServerDiesFailsClearlyInsteadOfHanging(String transport) throws Exception {
        try (Jvms jvms = new Jvms()) {
            Process server = jvms.start(List.of(), options(transport), QueueServer.class, KEY_TEXT);
            String port = jvms.awaitLine(server, "READY ", new ArrayList<>()).substring(6);
            var client = new BaseManager(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)), KEY);
            client.register("queue").connect();
            BlockingQueue<String> q = client.get("queue", BlockingQueue.class);
            assertEquals(transport, RemoteHandler.transport(q));
            q.put("warm");
            assertEquals("warm", q.take());
            CompletableFuture<String> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    return q.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            server.destroyForcibly();
            ExecutionException e = assertThrows(ExecutionException.class, () -> blocked.get(60, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ManagerException, String.valueOf(e.getCause()));
            assertTrue(e.getCause().getMessage().contains("closed the connection"), e.getCause().getMessage());
            assertThrows(ManagerException.class, () -> q.put("after death"));
            client.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared memory", "TCP"})
    void theServerSurvivesAClientDyingMidCall(String transport) throws Exception {
        ObservedQueue served = new ObservedQueue();
        var manager = new BaseManager(new InetSocketAddress("127.0.0.1", 0), KEY);
        manager.register("queue", () -> served);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(manager::serve, threads);
        Poll.until("manager.address().getPort() != 0", () -> manager.address().getPort() != 0, 60_000);
        try (Jvms jvms = new Jvms()) {
            String port = Integer.toString(manager.address().getPort());
            Process dying = jvms.start(List.of(), options(transport), QueueClient.class, port, KEY_TEXT, "take");
            assertEquals("TRANSPORT " + transport, jvms.awaitLine(dying, "TRANSPORT ", new ArrayList<>()));
            assertTrue(served.taking.await(60, TimeUnit.SECONDS), "the dying client's take reached the server");
            dying.destroyForcibly();
            assertTrue(dying.waitFor(60, TimeUnit.SECONDS));
            if (transport.equals("shared memory")) {
                // its lifeline reached end of file: the server's take for it is interrupted, not left to wait
                assertTrue(served.took.await(60, TimeUnit.SECONDS), "the dead client's take was ended");
            }
            var other = new BaseManager(manager.address(), KEY).register("queue").connect();
            BlockingQueue<String> q = other.get("queue", BlockingQueue.class);
            assertTrue(q.offer("still serving"));
            if (transport.equals("shared memory")) {
                assertEquals(List.of("still serving"), List.copyOf(served), "nobody took the item");
            } else {
                // Over TCP nothing tells the server the client died until it answers: the dead client's take
                // is still waiting, and it is what gets the item. The server, serving the other client, lives on.
                assertTrue(served.took.await(60, TimeUnit.SECONDS), "the dead client's take got the item");
                assertEquals("still serving", served.firstTaken);
                assertEquals(List.of(), List.copyOf(served));
                assertTrue(q.offer("and serving"));
                assertEquals(List.of("and serving"), List.copyOf(served), "the server still serves");
            }
            other.close();
        } finally {
            manager.shutdown();
            serving.get(60, TimeUnit.SECONDS);
        }
    }
}
