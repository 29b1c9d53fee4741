package io.procbook.mp.manager;

import io.procbook.testing.Poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Acquirable;
import io.procbook.mp.JoinableBlockingQueue;
import io.procbook.mp.ManagedBarrier;
import io.procbook.mp.ManagedCondition;
import io.procbook.mp.ManagedEvent;
import io.procbook.mp.ManagedValue;
import io.procbook.mp.Manager;
import io.procbook.mp.ManagerException;
import io.procbook.mp.Namespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Manager proxies used from threads of this JVM: each proxy type's behaviour, views, errors. */
class ManagerProxyTest {

    @Test
    void dictShowsRemoteContentsAndSupportsAtomicCompoundOperations() {
        try (Manager m = new Manager()) {
            ConcurrentMap<String, Integer> d = m.dict();
            assertNull(d.put("a", 1));
            d.put("b", 2);
            d.put(null, null); // Python dicts take None
            assertEquals(1, d.get("a"));
            assertEquals(3, d.size());
            assertEquals("{a=1, b=2, null=null}", d.toString());
            assertEquals(List.of("a", "b"), new ArrayList<>(d.keySet()).subList(0, 2));
            Map<String, Integer> expected = new HashMap<>();
            expected.put("a", 1);
            expected.put("b", 2);
            expected.put(null, null);
            assertEquals(expected, d);
            assertEquals(d, expected);
            assertEquals(expected.hashCode(), d.hashCode());
            d.remove(null);
            assertEquals(3, d.merge("a", 2, Integer::sum));
            assertEquals(12, d.compute("b", (k, v) -> v * 6));
            assertEquals(7, d.computeIfAbsent("c", k -> 7));
            assertEquals(7, d.putIfAbsent("c", 8));
            assertTrue(d.replace("c", 7, 9));
            assertFalse(d.remove("c", 7));
            assertEquals(0, d.getOrDefault("zz", 0));
            int[] sum = {0};
            d.forEach((k, v) -> sum[0] += v);
            assertEquals(3 + 12 + 9, sum[0]);
            assertThrows(UnsupportedOperationException.class, () -> d.keySet().remove("a"),
                    "views are snapshots and must not pretend to write through");
        }
    }

    @Test
    void listIteratesASnapshotAndRewritesAtomically() {
        try (Manager m = new Manager()) {
            List<Integer> l = m.list();
            for (int i = 5; i > 0; i--) l.add(i);
            assertEquals("[5, 4, 3, 2, 1]", l.toString());
            l.sort(Comparator.naturalOrder());
            assertEquals(List.of(1, 2, 3, 4, 5), l);
            assertTrue(l.removeIf(x -> x % 2 == 0));
            l.replaceAll(x -> x * 10);
            assertEquals(List.of(10, 30, 50), new ArrayList<>(l));
            int sum = 0;
            for (int x : l) sum += x;
            assertEquals(90, sum);
            assertEquals(List.of(30, 50), l.subList(1, 3));
            assertEquals(80, l.stream().mapToInt(Integer::intValue).skip(1).sum());
            assertThrows(IndexOutOfBoundsException.class, () -> l.get(10));
        }
    }

    @Test
    void serverExceptionKeepsItsTypeAndServerStackWithTheCallSiteAttached() {
        try (Manager m = new Manager()) {
            List<String> l = m.list();
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> l.get(3));
            assertTrue(List.of(e.getStackTrace()).stream().anyMatch(s -> s.getClassName().startsWith("java.util")),
                    "the stack is the server-side one");
            assertEquals(1, e.getSuppressed().length);
            assertTrue(e.getSuppressed()[0].getMessage().contains(".get"), e.getSuppressed()[0].getMessage());
            l.add("still usable");
            assertEquals(1, l.size());
        }
    }

    @Test
    void namespaceValueAndArray() {
        try (Manager m = new Manager()) {
            Namespace ns = m.namespace();
            ns.set("x", 1);
            ns.set("y", "two");
            assertEquals(1, ns.get("x"));
            assertTrue(ns.has("y"));
            assertEquals("Namespace(x=1, y=two)", ns.toString());
            NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> ns.get("z"));
            assertTrue(e.getMessage().contains("'z'"), e.getMessage());

            ManagedValue<Integer> v = m.value(5);
            assertTrue(v.compareAndSet(5, 6));
            assertFalse(v.compareAndSet(5, 7));
            assertEquals(6, v.get());

            List<Double> a = m.array(1.0, 2.0);
            a.set(1, 3.0);
            assertEquals(List.of(1.0, 3.0), a);
            assertThrows(UnsupportedOperationException.class, () -> a.add(4.0));
        }
    }

    @Test
    void queuesBlockTheCallerNotTheServer() throws Exception {
        try (Manager m = new Manager()) {
            BlockingQueue<String> q = m.queue();
            ConcurrentMap<String, String> d = m.dict();
            CompletableFuture<String> taker = CompletableFuture.supplyAsync(() -> {
                try {
                    return q.take();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            d.put("other", "clients are served meanwhile");
            assertEquals("clients are served meanwhile", d.get("other"));
            q.put("x");
            assertEquals("x", taker.get(60, TimeUnit.SECONDS));
            assertNull(q.poll(50, TimeUnit.MILLISECONDS), "an empty queue times out with null");
            q.addAll(List.of("a", "b", "c"));
            List<String> drained = new ArrayList<>();
            assertEquals(2, q.drainTo(drained, 2));
            assertEquals(1, q.drainTo(drained));
            assertEquals(List.of("a", "b", "c"), drained, "drainTo fills the caller's collection");
            assertTrue(q.isEmpty());

            JoinableBlockingQueue<Integer> jq = m.joinableQueue();
            jq.put(1);
            jq.put(2);
            CompletableFuture<Void> joined = CompletableFuture.runAsync(jq::join);
            jq.take();
            jq.taskDone();
            assertFalse(joined.isDone());
            jq.take();
            jq.taskDone();
            joined.get(60, TimeUnit.SECONDS);
            assertThrows(IllegalStateException.class, jq::taskDone);
        }
    }

    @Test
    void locksSemaphoresEventsConditionsBarriers() throws Exception {
        try (Manager m = new Manager()) {
            Acquirable lock = m.lock();
            lock.acquire();
            assertFalse(lock.tryAcquire(), "a plain lock is not reentrant");
            lock.release();

            Acquirable rlock = m.rlock();
            rlock.acquire();
            assertTrue(rlock.acquire(Duration.ZERO), "reentrant for the same thread");
            assertFalse(CompletableFuture.supplyAsync(rlock::tryAcquire).get(60, TimeUnit.SECONDS),
                    "another thread cannot take it");
            assertThrows(IllegalStateException.class,
                    () -> rethrow(CompletableFuture.runAsync(rlock::release)), "only the owner releases");
            rlock.release();
            rlock.release();
            assertTrue(CompletableFuture.supplyAsync(rlock::tryAcquire).get(60, TimeUnit.SECONDS));

            Acquirable sem = m.semaphore(2);
            assertTrue(sem.tryAcquire());
            assertTrue(sem.tryAcquire());
            assertFalse(sem.acquire(Duration.ofMillis(20)));

            ManagedEvent ev = m.event();
            CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> ev.await(Duration.ofSeconds(60)));
            ev.set();
            assertTrue(waiter.get(60, TimeUnit.SECONDS));

            ManagedCondition cond = m.condition();
            ManagedValue<Boolean> ready = m.value(false);
            CompletableFuture<Boolean> cw = CompletableFuture.supplyAsync(() -> {
                cond.acquire();
                try {
                    while (!ready.get()) {
                        if (!cond.await(Duration.ofSeconds(60))) return false;
                    }
                    return true;
                } finally {
                    cond.release();
                }
            });
            cond.acquire();
            ready.set(true);
            cond.signalAll();
            cond.release();
            assertTrue(cw.get(60, TimeUnit.SECONDS));
            assertThrows(IllegalStateException.class, cond::signal, "notify needs the lock");

            ManagedBarrier b = m.barrier(2);
            CompletableFuture<Integer> other = CompletableFuture.supplyAsync(b::await);
            int mine = b.await();
            assertEquals(1, mine + other.get(60, TimeUnit.SECONDS));
        }
    }

    @Test
    void valuesOutsideTheAllowListAreRefusedUnreadAndTheManagerCarriesOn() {
        try (Manager m = new Manager()) {
            ConcurrentMap<String, Object> d = m.dict();
            int before = RecordingPayload.DESERIALIZED.get();
            ManagerException e = assertThrows(ManagerException.class, () -> d.put("p", new RecordingPayload()));
            assertTrue(e.getMessage().contains(RecordingPayload.class.getName()), e.getMessage());
            assertEquals(before, RecordingPayload.DESERIALIZED.get());
            d.put("q", 1);
            assertEquals(Map.of("q", 1), new HashMap<>(d));
        }
    }

    @Test
    void allowedValueTypesCross() {
        try (Manager m = new Manager(new java.net.InetSocketAddress("127.0.0.1", 0), "allowed-types-test-key".getBytes(),
                RecordingPayload.class)) {
            ConcurrentMap<String, Object> d = m.dict();
            d.put("p", new RecordingPayload());
            assertTrue(d.get("p") instanceof RecordingPayload);
        }
    }

    @Test
    void closedManagerFailsCallsClearly() {
        ConcurrentMap<String, Integer> d;
        int port;
        try (Manager m = new Manager()) {
            d = m.dict();
            d.put("a", 1);
            port = m.address().getPort();
            assertNotEquals(0, port);
            assertFalse(Leftovers.portFree(port));
        }
        // The kernel finishes the TCP close handshake of the last connection just after close() returns.
        Poll.until("close() freed the port", () -> Leftovers.portFree(port), 10_000);
        assertTrue(Leftovers.portFree(port), "close() freed the port");
        ManagerException e = assertThrows(ManagerException.class, () -> d.get("a"));
        assertTrue(e.getMessage().contains("manager at 127.0.0.1:"), e.getMessage());
    }

    private static void rethrow(CompletableFuture<?> f) throws Exception {
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }
}
