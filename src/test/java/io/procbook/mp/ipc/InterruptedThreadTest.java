package io.procbook.mp.ipc;

import io.procbook.mp.Event;
import io.procbook.mp.Queue;
import io.procbook.mp.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A pending interrupt is for the next wait: making or reopening a shared object does not spend or trip on it. */
class InterruptedThreadTest {

    @AfterEach
    void clearFlag() {
        Thread.interrupted();
        assertTrue(Children.leftovers(List.of()).isEmpty());
    }

    @Test
    void sharedObjectsAreMadeAndOpenedOnAnInterruptedThreadAndTheFlagStays() {
        Thread.currentThread().interrupt();
        try (Queue<String> q = new Queue<>(); Event e = new Event(); Value.OfLong v = Value.ofLong(7)) {
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is still pending");
            Queue<String> again = Children.fromHandle(Children.handle(q)); // opens the segment by name
            assertTrue(Thread.currentThread().isInterrupted());
            assertFalse(e.isSet());
            assertEquals(7, v.get());
            Thread.interrupted();
            q.put("x");
            assertEquals("x", again.get());
            again.close();
        }
    }

    @Test
    void aLargeMessageIsNeitherRefusedNorLostForAPendingInterrupt() {
        String big = "y".repeat(100_000); // larger than a slot: it travels through a spill file
        try (Queue<String> q = new Queue<>()) {
            Thread.currentThread().interrupt();
            q.put(big);
            assertTrue(Thread.currentThread().isInterrupted(), "put did not wait, so the interrupt is still pending");
            assertEquals(big, q.getNowait(), "read back whole on an interrupted thread");
            assertTrue(Thread.currentThread().isInterrupted());
        }
    }
}
