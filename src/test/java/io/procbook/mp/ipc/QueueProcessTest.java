package io.procbook.mp.ipc;

import io.procbook.testing.Poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Event;
import io.procbook.mp.JoinableQueue;
import io.procbook.mp.Queue;
import io.procbook.mp.QueueEmptyException;
import io.procbook.mp.QueueFullException;
import io.procbook.mp.SimpleQueue;
import io.procbook.mp.UncheckedInterruptedException;
import io.procbook.mp.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Queue, SimpleQueue and JoinableQueue across real child JVMs and threads. */
class QueueProcessTest {

    @Test
    void fourProcessesMoveAMillionMessagesWithoutLossDuplicationOrReordering() {
        int perProducer = 500_000;
        try (Children kids = new Children(); Queue<Long> q = new Queue<>(4096)) {
            String h = Children.handle(q);
            Process p1 = kids.start("produce", h, "1", "" + perProducer);
            Process p2 = kids.start("produce", h, "2", "" + perProducer);
            Process c1 = kids.start("consume", h);
            Process c2 = kids.start("consume", h);
            kids.assertExits(p1, 0);
            kids.assertExits(p2, 0);
            q.put(-1L);
            q.put(-1L);
            long[] count = new long[3];
            long[] sum = new long[3];
            for (Process c : List.of(c1, c2)) {
                for (String line = kids.line(c); !line.equals("DONE"); line = kids.line(c)) {
                    String[] f = line.split(" ");
                    int producer = Integer.parseInt(f[1]);
                    count[producer] += Long.parseLong(f[2]);
                    sum[producer] += Long.parseLong(f[3]);
                    assertEquals("0", f[4], "items of producer " + producer + " out of order in one consumer");
                }
                kids.assertExits(c, 0);
            }
            long expectedSum = (long) perProducer * (perProducer - 1) / 2;
            for (int p = 1; p <= 2; p++) {
                assertEquals(perProducer, count[p], "items of producer " + p + " received");
                assertEquals(expectedSum, sum[p], "checksum of producer " + p);
            }
            assertTrue(q.empty());
        }
    }

    @Test
    void consumerKilledWhileBlockedInGetLosesNobodysMessages() {
        try (Children kids = new Children(); Queue<Integer> q = new Queue<>(); Event ready = new Event()) {
            Process c = kids.start("blockget", Children.handle(q), Children.handle(ready));
            assertTrue(ready.await(Duration.ofSeconds(60)), "consumer never started");
            kids.kill(c);
            for (int i = 0; i < 1000; i++) {
                q.put(i);
            }
            for (int i = 0; i < 1000; i++) {
                assertEquals(i, q.get(Duration.ofSeconds(10)));
            }
            assertThrows(QueueEmptyException.class, q::getNowait);
        }
    }

    @Test
    void consumerKilledMidStreamLosesAtMostTheMessageItHeld() throws Exception {
        int n = 100_000;
        try (Children kids = new Children(); Queue<Long> q = new Queue<>(64); Value.OfLong taken = Value.ofLong(0)) {
            Process c = kids.start("drain", Children.handle(q), Children.handle(taken));
            AtomicReference<Throwable> failure = new AtomicReference<>();
            // The second half waits for the kill, so that the child dies mid-stream however fast it drains.
            CountDownLatch killed = new CountDownLatch(1);
            Thread producer = new Thread(() -> {
                try {
                    for (long i = 0; i < n; i++) {
                        if (i == n / 2) killed.await();
                        q.put(i);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            producer.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (taken.get() < n / 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(taken.get() >= n / 4, "child consumer made no progress");
            kids.kill(c);
            killed.countDown();
            List<Long> rest = new ArrayList<>();
            while (true) {
                try {
                    rest.add(q.get(Duration.ofMillis(500)));
                } catch (QueueEmptyException e) {
                    if (!producer.isAlive()) {
                        break;
                    }
                }
            }
            producer.join();
            assertEquals(null, failure.get());
            for (int i = 1; i < rest.size(); i++) {
                assertTrue(rest.get(i) > rest.get(i - 1), "order broken at " + i);
            }
            long accounted = taken.get() + rest.size();
            assertTrue(accounted == n || accounted == n - 1, "lost " + (n - accounted) + " messages");
            assertEquals(n - 1, rest.get(rest.size() - 1));
        }
    }

    @Test
    void boundedQueueReportsFullAndEmptyAndKeepsThreadFifo() {
        try (Children kids = new Children(); Queue<Object> q = new Queue<>(2)) {
            assertEquals(2, q.maxSize());
            q.put("a");
            q.putNowait(List.of(1, 2, 3, 4));
            assertTrue(q.full());
            assertThrows(QueueFullException.class, () -> q.putNowait("c"));
            assertThrows(QueueFullException.class, () -> q.put("c", Duration.ofMillis(20)));
            assertEquals(2, q.size());
            assertEquals("a", q.get());
            assertEquals(List.of(1, 2, 3, 4), q.getNowait());
            assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(20)));
            String big = "x".repeat(1 << 20); // larger than a slot: goes through a spill file
            q.put(big);
            q.put(null);
            assertEquals(big, q.get());
            assertEquals(null, q.get());
            assertThrows(IllegalArgumentException.class, () -> q.put(new Object()));
            assertTrue(q.empty());
        }
    }

    @Test
    void simpleAndJoinableQueuesAcrossThreads() throws Exception {
        try (Children kids = new Children(); SimpleQueue<String> sq = new SimpleQueue<>();
                JoinableQueue<Integer> jq = new JoinableQueue<>()) {
            sq.put("hello");
            assertEquals("hello", sq.get());
            assertTrue(sq.empty());
            for (int i = 0; i < 100; i++) {
                jq.put(i);
            }
            assertEquals(100, jq.unfinishedTasks());
            assertTrue(!jq.join(Duration.ofMillis(10)));
            Thread worker = new Thread(() -> {
                for (int i = 0; i < 100; i++) {
                    jq.get();
                    jq.taskDone();
                }
            });
            worker.start();
            jq.join();
            assertEquals(0, jq.unfinishedTasks());
            worker.join();
            assertThrows(IllegalStateException.class, jq::taskDone);
        }
    }

    @Test
    void interruptedPutOnAFullJoinableQueueCountsNothingAndRemovesItsSpillFile() throws Exception {
        try (JoinableQueue<Object> q = new JoinableQueue<>(1)) {
            q.put("first");
            List<String> spills = spillFiles();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread putter = new Thread(() -> {
                try {
                    q.put(new byte[1 << 20]); // large: spilled to a file before it waits for room
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            putter.start();
            // counted as unfinished only after its item is encoded (and spilled): from then on it waits for room
            Poll.until("the putter to reach the wait for room", () -> q.unfinishedTasks() == 2, 60_000);
            assertEquals(spills.size() + 1, spillFiles().size(), "the waiting item is spilled");
            putter.interrupt();
            putter.join(60_000);
            assertFalse(putter.isAlive(), "the interrupted put never returned");
            assertInstanceOf(UncheckedInterruptedException.class, thrown.get());
            assertEquals(spills, spillFiles(), "the spill file of the item never put is removed");
            assertEquals(1, q.unfinishedTasks(), "the item never put is not unfinished");
            assertEquals("first", q.get(Duration.ofSeconds(10)));
            q.taskDone();
            assertTrue(q.join(Duration.ofSeconds(60)), "join returns once the item that was put is done");
        }
        assertTrue(Children.leftovers(List.of()).isEmpty(), "shared-memory files left: " + Children.leftovers(List.of()));
    }

    private static List<String> spillFiles() {
        return Children.leftovers(List.of()).stream().filter(n -> n.contains(".s")).sorted().toList();
    }

    @Test
    void unboundedQueueNeverBlocksPutAndKeepsOrderBeyondTheSharedRing() throws Exception {
        int n = 100_000; // about three times the shared ring
        try (Children kids = new Children(); Queue<Long> q = new Queue<>()) {
            for (long i = 0; i < n; i++) {
                q.put(i);
            }
            q.put(-1L);
            assertEquals(n + 1, q.size());
            Process consumer = kids.start("consume", Children.handle(q));
            String line = kids.line(consumer);
            assertTrue(line.startsWith("P 0 " + n + " " + ((long) n * (n - 1) / 2) + " 0"), line);
            assertEquals("DONE", kids.line(consumer));
            kids.assertExits(consumer, 0);
        }
    }

    @Test
    void closedQueueRefusesUse() {
        Queue<Integer> q = new Queue<>();
        q.close();
        q.close();
        assertThrows(IllegalStateException.class, () -> q.put(1));
        assertTrue(Children.leftovers(List.of()).isEmpty());
    }
}
