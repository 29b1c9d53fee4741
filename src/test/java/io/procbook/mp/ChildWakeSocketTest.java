package io.procbook.mp;

import io.procbook.testing.Poll;
import java.time.Duration;

import io.procbook.mp.internal.Platform;
import io.procbook.mp.internal.shm.ShmDir;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The wake-up socket a child opens when it sleeps on a shared object goes with the child; without Unix domain
 * sockets ({@link Platform#unixSockets()}) a child opens none and is woken all the same.
 */
class ChildWakeSocketTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        leaks.assertClean();
    }

    @Test
    void aChildThatSleptOnAnEventLeavesNoSocketFileWhenItEnds() {
        try (Event ready = new Event(); Event go = new Event()) {
            Process p = new Process(() -> {
                ready.set();
                go.await();
            });
            p.start();
            try {
                assertTrue(ready.await(java.time.Duration.ofSeconds(60)), "the child started");
                Path socket = ShmDir.socketPath(p.pid());
                if (Platform.unixSockets()) {
                    // The child opens its socket when it goes to sleep in await(); this waits for that moment.
                    Poll.until("the sleeping child has its wake-up socket", () -> Files.exists(socket), 60_000);
                    assertTrue(Files.exists(socket), "the sleeping child has its wake-up socket");
                } else {
                    assertNull(socket, "no wake-up sockets without Unix domain sockets: sleepers poll");
                }
            } finally {
                go.set(); // a child left waiting would outlive the test
            }
            p.join();
            assertEquals(0, p.exitCode());
            // The child halts (no shutdown hooks) and no other process sweeps in between: only the child's own
            // cleanup can have removed the file.
            Path socket = ShmDir.socketPath(p.pid());
            assertFalse(socket != null && Files.exists(socket), "the child's socket file is gone with it: " + socket);
        }
    }
}
