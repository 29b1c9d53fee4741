package io.procbook.mp.ipc;

import io.procbook.testing.Poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Barrier;
import io.procbook.mp.BoundedSemaphore;
import io.procbook.mp.Condition;
import io.procbook.mp.Event;
import io.procbook.mp.Lock;
import io.procbook.mp.Queue;
import io.procbook.mp.Semaphore;
import io.procbook.mp.UncheckedBrokenBarrierException;
import io.procbook.mp.UncheckedInterruptedException;
import io.procbook.mp.UncheckedTimeoutException;
import io.procbook.mp.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Barrier, Event, Semaphore and Condition across real child JVMs and threads (seed S21). */
class SyncProcessTest {

    @Test
    void barrierReleasesAllPartiesOnceAndRunsTheActionOnce() {
        try (Children kids = new Children(); Value.OfInt actions = Value.ofInt(0)) {
            Barrier.Action action = actions::incrementAndGet;
            try (Barrier b = new Barrier(3, action, Duration.ofSeconds(60))) {
                Process c1 = kids.start("barrier", Children.handle(b));
                Process c2 = kids.start("barrier", Children.handle(b));
                TreeSet<Integer> indexes = new TreeSet<>();
                indexes.add(b.await());
                for (Process c : List.of(c1, c2)) {
                    String line = kids.line(c);
                    assertTrue(line.startsWith("PASSED "), line);
                    indexes.add(Integer.parseInt(line.substring(7)));
                    kids.assertExits(c, 0);
                }
                assertEquals(new TreeSet<>(List.of(0, 1, 2)), indexes);
                assertEquals(1, actions.get());
                assertEquals(0, b.nWaiting());
            }
        }
    }

    @Test
    void barrierTimeoutBreaksItForEveryone() {
        try (Children kids = new Children(); Barrier b = new Barrier(3, Duration.ofMillis(200))) {
            assertThrows(UncheckedBrokenBarrierException.class, b::await);
            assertTrue(b.isBroken());
            Process late = kids.start("barrier", Children.handle(b));
            assertEquals("BROKEN", kids.line(late));
            kids.assertExits(late, 0);
            b.reset();
            assertFalse(b.isBroken());
        }
    }

    @Test
    void aResetWhileTheLastPartyRunsTheActionFailsTheRoundForEveryParty() throws Exception {
        AtomicReference<Barrier> self = new AtomicReference<>();
        AtomicBoolean resetInAction = new AtomicBoolean(true);
        Barrier.Action action = () -> {
            if (resetInAction.getAndSet(false)) self.get().reset(); // as a reset from elsewhere at this moment
        };
        try (Children kids = new Children(); Barrier b = new Barrier(2, action, Duration.ofSeconds(60))) {
            self.set(b);
            AtomicReference<Object> other = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    other.set(b.await());
                } catch (Throwable e) {
                    other.set(e);
                }
            });
            t.start();
            Object mine;
            try {
                mine = b.await();
            } catch (UncheckedBrokenBarrierException e) {
                mine = e;
            }
            t.join(60_000);
            assertFalse(t.isAlive());
            assertTrue(mine instanceof UncheckedBrokenBarrierException, "this party: " + mine);
            assertTrue(other.get() instanceof UncheckedBrokenBarrierException, "the other party: " + other.get());
            assertFalse(b.isBroken(), "the reset leaves the barrier ready");
            Thread again = new Thread(b::await);
            again.start();
            assertTrue(List.of(0, 1).contains(b.await()), "the next round passes");
            again.join(60_000);
            assertFalse(again.isAlive());
        }
    }

    @Test
    void eventReleasesWaitersInOtherProcesses() {
        try (Children kids = new Children(); Event e = new Event(); Value.OfInt arrived = Value.ofInt(0)) {
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ps.add(kids.start("eventwait", Children.handle(e), Children.handle(arrived)));
            }
            Poll.until(() -> "3 waiters, not " + arrived.get(), () -> arrived.get() >= 3, Duration.ofSeconds(60));
            assertEquals(3, arrived.get());
            assertFalse(e.await(Duration.ofMillis(10)));
            e.set();
            for (Process p : ps) {
                assertEquals("RELEASED", kids.line(p));
                kids.assertExits(p, 0);
            }
            assertTrue(e.isSet());
            e.clear();
            assertFalse(e.isSet());
        }
    }

    @Test
    void semaphoreBoundsConcurrencyAcrossProcesses() {
        try (Children kids = new Children(); Semaphore s = new Semaphore(2); Value.OfInt inside = Value.ofInt(0);
                Value.OfInt max = Value.ofInt(0)) {
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ps.add(kids.start("sem", Children.handle(s), Children.handle(inside), Children.handle(max), "1000"));
            }
            for (Process p : ps) {
                kids.assertExits(p, 0);
            }
            System.out.println("semaphore(2): most processes inside at once = " + max.get());
            assertTrue(max.get() >= 1 && max.get() <= 2, "max inside " + max.get());
            assertEquals(0, inside.get());
            assertEquals(2, s.getValue());
        }
    }

    @Test
    void boundedSemaphoreRefusesOverRelease() {
        try (Children kids = new Children(); BoundedSemaphore s = new BoundedSemaphore(1)) {
            assertThrows(IllegalStateException.class, s::release);
            assertTrue(s.tryAcquire());
            assertFalse(s.acquire(Duration.ofMillis(20)));
            assertThrows(UncheckedTimeoutException.class, () -> s.hold(Duration.ofMillis(20)));
            s.release();
            try (var h = s.hold()) {
                assertEquals(0, s.getValue());
            }
            assertEquals(1, s.getValue());
        }
    }

    @Test
    void conditionWakesAWaiterInAnotherProcess() {
        try (Children kids = new Children(); Condition c = new Condition(); Value.OfInt flag = Value.ofInt(0)) {
            Process waiter = kids.start("condwait", Children.handle(c), Children.handle(flag));
            assertEquals("WAITING", kids.line(waiter));
            try (var h = c.hold()) { // granted once the child's waitFor has released the lock
                flag.set(1);
                c.signalAll();
            }
            assertEquals("WOKE", kids.line(waiter));
            kids.assertExits(waiter, 0);
        }
    }

    @Test
    void blockedWaitsAreInterruptible() throws Exception {
        try (Children kids = new Children(); Queue<Integer> q = new Queue<>(); Lock lock = new Lock()) {
            lock.acquire();
            for (Runnable blocked : List.<Runnable>of(q::get, lock::acquire)) {
                AtomicReference<Throwable> thrown = new AtomicReference<>();
                AtomicBoolean flagKept = new AtomicBoolean();
                Thread t = new Thread(() -> {
                    try {
                        blocked.run();
                    } catch (Throwable e) {
                        thrown.set(e);
                        flagKept.set(Thread.currentThread().isInterrupted());
                    }
                });
                t.start();
                Poll.until("the waiter to reach its sleeping phase", () -> asleep(t), Duration.ofSeconds(30));
                t.interrupt();
                t.join(30_000);
                assertFalse(t.isAlive());
                assertTrue(thrown.get() instanceof UncheckedInterruptedException, "thrown: " + thrown.get());
                assertTrue(flagKept.get(), "the interrupt status is set again");
            }
            lock.release();
        }
    }

    @Test
    void aWaiterSignalledThenInterruptedReturnsSignalledWithItsFlagSet() throws Exception {
        // Several rounds: before the fix the waiter threw (and its signal was spent) whenever it noticed the
        // interrupt before taking the signal, which is the usual order since both arrive while it sleeps.
        try (Children kids = new Children(); Condition c = new Condition()) {
            for (int round = 0; round < 10; round++) {
                AtomicReference<Object> outcome = new AtomicReference<>();
                AtomicBoolean flagSet = new AtomicBoolean();
                Thread t = new Thread(() -> {
                    c.acquire();
                    try {
                        outcome.set(c.await(Duration.ofSeconds(120)));
                    } catch (Throwable e) {
                        outcome.set(e);
                    } finally {
                        flagSet.set(Thread.currentThread().isInterrupted());
                        c.release();
                    }
                });
                t.start();
                assertTrue(waitAsleep(t), "the waiter never reached its sleeping phase");
                try (var h = c.hold()) { // granted once the waiter's await has released the lock
                    c.signal();
                    t.interrupt();
                }
                t.join(60_000);
                assertFalse(t.isAlive());
                assertEquals(Boolean.TRUE, outcome.get(), "round " + round + ": the signal it was given counts");
                assertTrue(flagSet.get(), "round " + round + ": the interrupt is kept");
            }
            Thread t = new Thread(() -> {
                c.acquire();
                try {
                    c.await();
                } finally {
                    c.release();
                }
            });
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            t.setUncaughtExceptionHandler((th, e) -> thrown.set(e));
            t.start();
            assertTrue(waitAsleep(t), "the waiter never reached its sleeping phase");
            t.interrupt(); // not signalled: it throws
            t.join(60_000);
            assertFalse(t.isAlive());
            assertTrue(thrown.get() instanceof UncheckedInterruptedException, "thrown: " + thrown.get());
        }
    }

    @Test
    void negativeSignalCountIsRefusedAndTakesNoSignalBack() throws Exception {
        try (Children kids = new Children(); Condition c = new Condition()) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread t = new Thread(() -> {
                c.acquire();
                try {
                    outcome.set(c.await(Duration.ofSeconds(60)));
                } finally {
                    c.release();
                }
            });
            t.start();
            assertTrue(waitAsleep(t), "the waiter never reached its sleeping phase");
            try (var h = c.hold()) {
                c.signal(1);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.signal(-1));
                assertEquals("signal(n) needs n >= 0, not -1", e.getMessage());
                c.signal(0);
            }
            t.join(120_000);
            assertFalse(t.isAlive());
            assertEquals(Boolean.TRUE, outcome.get(), "the signal given before the refused call still wakes it");
        }
    }

    private static boolean waitAsleep(Thread t) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!asleep(t) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return asleep(t);
    }

    /** Whether t is in the sleeping phase of a blocking wait (past spinning). */
    private static boolean asleep(Thread t) {
        return java.util.Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().endsWith("shm.Waker") && f.getMethodName().equals("sleep"));
    }

    @Test
    void conditionSignalsAWaiterThatWaitsForAPredicate() throws Exception {
        try (Children kids = new Children(); Condition c = new Condition(); Value.OfInt stock = Value.ofInt(0)) {
            List<String> got = new ArrayList<>();
            Thread consumer = new Thread(() -> {
                try (var h = c.hold()) {
                    c.waitFor(() -> stock.get() > 0);
                    got.add("took " + stock.getAndAdd(-1));
                }
            });
            consumer.start();
            try (var h = c.hold()) {
                AtomicReference<Throwable> fromOther = new AtomicReference<>();
                Thread other = new Thread(() -> {
                    try {
                        c.signal();
                    } catch (Throwable t) {
                        fromOther.set(t);
                    }
                });
                other.start();
                other.join();
                assertTrue(fromOther.get() instanceof IllegalMonitorStateException, "signal without the lock");
                stock.set(1);
                c.signal();
            }
            consumer.join();
            assertEquals(List.of("took 1"), got);
            try (var h = c.hold()) {
                assertFalse(c.await(Duration.ofMillis(20)), "nobody signals: timeout");
            }
            assertThrows(IllegalMonitorStateException.class, c::await);
        }
    }
}
