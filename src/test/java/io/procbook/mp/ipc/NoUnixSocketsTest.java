package io.procbook.mp.ipc;

import io.procbook.mp.Event;
import io.procbook.mp.Queue;
import io.procbook.mp.internal.Platform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process told to use no Unix domain sockets ({@link Platform#UNIX_SOCKETS}{@code =false}) opens no wake-up
 * socket, and still shares queues with processes that do: its sleeping waiters poll, and its wake-ups, which
 * reach no socket, leave the others to find the change at their next bounded nap.
 */
class NoUnixSocketsTest {

    private static final List<String> NO_SOCKETS = List.of("-D" + Platform.UNIX_SOCKETS + "=false");

    @Test
    void aWaiterOpensNoWakeUpSocket() {
        try (Children kids = new Children(); Event never = new Event()) {
            Process c = kids.start(NO_SOCKETS, "napsocket", Children.handle(never));
            assertEquals("TIMED OUT true", kids.line(c));
            assertEquals("SOCKET false", kids.line(c), "it slept without a socket of its own");
            kids.assertExits(c, 0);
        }
    }

    @Test
    void queuesWorkBothWaysWithAProcessThatHasNoSockets() {
        try (Children kids = new Children(); Queue<Object> toChild = new Queue<>(); Event ready = new Event();
             Queue<Long> fromChild = new Queue<>()) {
            Process consumer = kids.start(NO_SOCKETS, "blockget", Children.handle(toChild), Children.handle(ready));
            assertTrue(ready.await(Duration.ofSeconds(60)), "the consumer started");
            toChild.put("hello");
            assertEquals("GOT hello", kids.line(consumer), "a polling waiter gets what was put");
            kids.assertExits(consumer, 0);

            Process producer = kids.start(NO_SOCKETS, "produce", Children.handle(fromChild), "7", "100");
            for (long i = 0; i < 100; i++) {
                assertEquals(7L << 32 | i, fromChild.get(Duration.ofSeconds(60)), "this JVM's waiter sees every put");
            }
            kids.assertExits(producer, 0);
        }
    }
}
