package io.procbook.mp.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Array;
import io.procbook.mp.Event;
import io.procbook.mp.Lock;
import io.procbook.mp.LockOwnerDiedException;
import io.procbook.mp.RLock;
import io.procbook.mp.RawArray;
import io.procbook.mp.RawValue;
import io.procbook.mp.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Value, Array, Lock and RLock across real child JVMs and threads (seeds S21, S25, S26). */
class LockProcessTest {

    private static long countWith(Children kids, int perProcess, boolean locked) {
        try (Value.OfLong counter = Value.ofLong(0); Event go = new Event(); Value.OfInt arrived = Value.ofInt(0)) {
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ps.add(kids.start("count", Children.handle(counter), "" + perProcess, "" + locked,
                        Children.handle(go), Children.handle(arrived)));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (arrived.get() < 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            go.set();
            for (Process p : ps) {
                kids.assertExits(p, 0);
            }
            return counter.get();
        }
    }

    @Test
    void fourProcessesCountExactlyUnderTheValuesLockAndRaceWithoutIt() {
        try (Children kids = new Children()) {
            assertEquals(400_000, countWith(kids, 100_000, true));
            // Unlocked, each process's loop must overlap the others' for the race to show: more iterations
            // (plain volatile get/set take nanoseconds) and a common start make lost updates a near certainty.
            long racy = countWith(kids, 1_000_000, false);
            System.out.println("unlocked increments, 4 processes x 1000000: " + racy);
            assertTrue(racy < 4_000_000, "no lost update without the lock: " + racy);
        }
    }

    @Test
    void lockHeldByAKilledProcessIsReportedToTheNextAcquirer() {
        try (Children kids = new Children(); Lock lock = new Lock()) {
            Process holder = kids.start("lockhold", Children.handle(lock));
            assertEquals("LOCKED", kids.line(holder));
            assertEquals(holder.pid(), lock.ownerPid());
            assertFalse(lock.tryAcquire());
            kids.kill(holder);
            LockOwnerDiedException died = assertThrows(LockOwnerDiedException.class, lock::acquire);
            assertEquals(holder.pid(), died.deadPid());
            assertTrue(lock.acquire(Duration.ofSeconds(10)), "the lock is free again after the report");
            lock.release();
        }
    }

    @Test
    void rlockIsOwnedByOneThreadOfOneProcess() throws Exception {
        try (Children kids = new Children(); RLock r = new RLock()) {
            r.acquire();
            r.acquire();
            assertEquals(2, r.holdCount());
            Process probe = kids.start("rlockprobe", Children.handle(r));
            assertEquals("TRY false", kids.line(probe));
            assertEquals("TIMED false", kids.line(probe));
            assertEquals("RELEASE refused", kids.line(probe));
            assertEquals("OWNER " + ProcessHandle.current().pid(), kids.line(probe));
            kids.assertExits(probe, 0);
            AtomicReference<Throwable> other = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    r.release();
                } catch (Throwable e) {
                    other.set(e);
                }
            });
            t.start();
            t.join();
            assertTrue(other.get() instanceof IllegalMonitorStateException, "release by another thread: " + other);
            r.release();
            assertTrue(r.isLocked());
            r.release();
            assertFalse(r.isLocked());
            assertThrows(IllegalMonitorStateException.class, r::release);
            try (var held = r.hold()) {
                assertTrue(r.isHeldByCurrentThread());
            }
            assertFalse(r.isLocked());
        }
    }

    @Test
    void plainLockDoesNotReenterButAnotherThreadMayReleaseIt() throws Exception {
        try (Children kids = new Children(); Lock lock = new Lock()) {
            lock.acquire();
            assertFalse(lock.acquire(Duration.ofMillis(30)), "re-acquiring a Lock must not succeed");
            Thread t = new Thread(lock::release);
            t.start();
            t.join();
            assertFalse(lock.isLocked());
            assertThrows(IllegalMonitorStateException.class, lock::release);
        }
    }

    @Test
    void valuesAndArraysAreSharedAndTyped() {
        try (Children kids = new Children(); Value.OfDouble d = Value.ofDouble(1.5);
                Value.OfBoolean b = Value.ofBoolean(false); Value.OfInt raw = RawValue.ofInt(7);
                Array.OfInt ints = Array.ofInt(new int[] {1, 2, 3}); Array.OfDouble ds = RawArray.ofDouble(2);
                Array.OfByte bytes = Array.ofByte(new byte[] {9, 8}); Array.OfLong longs = Array.ofLong(3)) {
            assertEquals(3.0, d.addAndGet(1.5));
            assertTrue(b.compareAndSet(false, true));
            assertTrue(b.get());
            assertEquals(8, raw.incrementAndGet());
            assertThrows(UnsupportedOperationException.class, raw::getLock);
            assertThrows(UnsupportedOperationException.class, ds::getLock);
            Value.OfInt copy = Children.fromHandle(Children.handle(raw));
            copy.set(42);
            assertEquals(42, raw.get(), "a deserialized handle is the same memory");
            copy.close();
            assertEquals(5, ints.addAndGet(1, 3));
            assertEquals("[1, 5, 3]", java.util.Arrays.toString(ints.toArray()));
            assertThrows(IndexOutOfBoundsException.class, () -> ints.get(3));
            ds.set(1, 2.5);
            assertEquals(2.5, ds.toArray()[1]);
            assertEquals(8, bytes.get(1));
            longs.set(2, Long.MAX_VALUE);
            Array.OfLong longsCopy = Children.fromHandle(Children.handle(longs));
            assertEquals(Long.MAX_VALUE, longsCopy.get(2));
            longsCopy.close();
            try (var h = ints.hold()) {
                assertTrue(ints.getLock().isHeldByCurrentThread());
            }
        }
    }
}
