package io.procbook.mp.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Array;
import io.procbook.mp.Barrier;
import io.procbook.mp.Condition;
import io.procbook.mp.Event;
import io.procbook.mp.Lock;
import io.procbook.mp.RLock;
import io.procbook.mp.Semaphore;
import io.procbook.mp.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A shared object closed in this process refuses every use with IllegalStateException, as Queue does. */
class ClosedObjectTest {

    @Test
    void everyKindOfSharedObjectRefusesUseAfterClose() {
        Value.OfInt i = Value.ofInt(1);
        Value.OfLong l = Value.ofLong(1);
        Value.OfDouble d = Value.ofDouble(1);
        Value.OfBoolean b = Value.ofBoolean(true);
        Array.OfInt ai = Array.ofInt(3);
        Array.OfByte ab = Array.ofByte(3);
        Lock lock = new Lock();
        RLock rlock = new RLock();
        Semaphore sem = new Semaphore(1);
        Event event = new Event();
        Barrier barrier = new Barrier(2);
        Condition cond = new Condition();
        Map<AutoCloseable, List<Executable>> uses = Map.ofEntries(
                Map.entry(i, List.of(i::get, () -> i.set(2), () -> i.getAndAdd(1), i::incrementAndGet,
                        () -> i.compareAndSet(1, 2), i::hold)),
                Map.entry(l, List.of(l::get, () -> l.set(2), () -> l.addAndGet(1), () -> l.compareAndSet(1, 2))),
                Map.entry(d, List.of(d::get, () -> d.set(2), () -> d.addAndGet(1))),
                Map.entry(b, List.of(b::get, () -> b.set(false), () -> b.compareAndSet(true, false))),
                Map.entry(ai, List.of(() -> ai.get(0), () -> ai.set(0, 1), () -> ai.addAndGet(0, 1), ai::toArray)),
                Map.entry(ab, List.of(() -> ab.get(0), () -> ab.set(0, (byte) 1), ab::toArray)),
                Map.entry(lock, List.of(lock::acquire, lock::tryAcquire, lock::release, lock::isLocked)),
                Map.entry(rlock, List.of(rlock::acquire, () -> rlock.acquire(Duration.ofSeconds(1)), rlock::release,
                        rlock::holdCount)),
                Map.entry(sem, List.of(sem::acquire, sem::tryAcquire, sem::release, sem::getValue)),
                Map.entry(event, List.of(event::set, event::clear, event::isSet, event::await)),
                Map.entry(barrier, List.of(barrier::await, barrier::reset, barrier::abort, barrier::nWaiting)),
                Map.entry(cond, List.of(cond::acquire, cond::await, cond::signal, cond::signalAll)));
        for (Map.Entry<AutoCloseable, List<Executable>> e : uses.entrySet()) {
            try {
                e.getKey().close();
            } catch (Exception unexpected) {
                throw new AssertionError(unexpected);
            }
            for (Executable use : e.getValue()) {
                IllegalStateException ise = assertThrows(IllegalStateException.class, use, e.getKey().toString());
                assertTrue(ise.getMessage().endsWith(" is closed in this process"), ise.getMessage());
            }
            assertTrue(e.getKey().toString().endsWith(", closed]"), e.getKey().toString());
        }
        assertEquals("Value.OfInt is closed in this process", assertThrows(IllegalStateException.class, i::get).getMessage());
        assertTrue(Children.leftovers(List.of()).isEmpty(), "shared-memory files left: " + Children.leftovers(List.of()));
    }
}
