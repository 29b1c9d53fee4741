package io.procbook.mp.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.Connection;
import io.procbook.mp.Pipe;
import io.procbook.mp.PipeEOFException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pipe and Connection across real child JVMs and threads (seed S19). */
class PipeProcessTest {

    @Test
    void childSendsTwoListsAndClosesThenParentSeesEndOfFile() {
        try (Children kids = new Children()) {
            Pipe pipe = Pipe.create();
            Process child = kids.start("pipesend", Children.handle(pipe.sender()));
            pipe.sender().close(); // the parent's copy of the child's end, as in Python
            assertEquals(List.of(1, 2, 3), pipe.receiver().recv());
            assertEquals(List.of("a", "b"), pipe.receiver().recv());
            PipeEOFException eof = assertThrows(PipeEOFException.class, pipe.receiver()::recv);
            assertTrue(eof.getMessage().contains("end of file"));
            assertTrue(pipe.receiver().poll(Duration.ZERO), "end of file counts as ready");
            kids.assertExits(child, 0);
            pipe.receiver().close();
        }
    }

    @Test
    void killedHolderOfTheOtherEndGivesEndOfFileNotAHang() {
        try (Children kids = new Children()) {
            Pipe pipe = Pipe.create();
            Process child = kids.start("pipehold", Children.handle(pipe.sender()));
            assertEquals("HOLDING true", kids.line(child));
            pipe.sender().close();
            assertFalse(pipe.receiver().poll(Duration.ofMillis(50)), "the child still holds the other end");
            kids.kill(child);
            assertThrows(PipeEOFException.class, pipe.receiver()::recv);
            assertThrows(UncheckedIOException.class, () -> pipe.receiver().send("nobody listens"));
            pipe.receiver().close();
        }
    }

    @Test
    void killedReceiverGivesASenderBlockedOnAFullPipeABrokenPipe() {
        try (Children kids = new Children()) {
            Pipe pipe = Pipe.create();
            Process child = kids.start("pipehold", Children.handle(pipe.sender()));
            assertEquals("HOLDING true", kids.line(child));
            pipe.sender().close();
            kids.kill(child);
            // The buffer takes 1,024 messages; the next send waits, and must notice that nobody will read.
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(UncheckedIOException.class, () -> {
                for (int i = 0; i <= 1024; i++) pipe.receiver().send(i);
            }));
            pipe.receiver().close();
        }
    }

    @Test
    void echoRoundTripsObjectsBytesAndLargeMessages() {
        try (Children kids = new Children()) {
            Pipe pipe = Pipe.create();
            Process child = kids.start("echo", Children.handle(pipe.sender()), "4");
            pipe.sender().close();
            Connection c = pipe.receiver();
            c.send(42);
            assertEquals(42, c.recv());
            c.sendBytes(new byte[] {1, 2, 3, 4, 5}, 1, 3);
            assertArrayEquals(new byte[] {2, 3, 4}, c.recvBytes());
            byte[] big = new byte[3 << 20];
            big[big.length - 1] = 7;
            c.sendBytes(big);
            assertArrayEquals(big, c.recvBytes());
            String text = "é".repeat(100_000);
            c.send(text);
            assertEquals(text, c.recv());
            kids.assertExits(child, 0);
            assertThrows(PipeEOFException.class, c::recv);
            c.close();
        }
    }

    @Test
    void oneWayPipeAndWaitOnSeveralConnections() {
        try (Children kids = new Children()) {
            Pipe oneWay = Pipe.oneWay();
            assertThrows(IllegalStateException.class, () -> oneWay.receiver().send("x"));
            assertThrows(IllegalStateException.class, oneWay.sender()::recv);
            Pipe other = Pipe.create();
            assertTrue(Connection.wait(List.of(oneWay.receiver(), other.receiver()), Duration.ofMillis(20)).isEmpty());
            Thread sender = new Thread(() -> oneWay.sender().send("ready"));
            sender.start();
            List<Connection> ready = Connection.wait(List.of(oneWay.receiver(), other.receiver()), Duration.ofSeconds(30));
            assertEquals(List.of(oneWay.receiver()), ready);
            assertEquals("ready", oneWay.receiver().recv());
            for (Connection c : List.of(oneWay.receiver(), oneWay.sender(), other.receiver(), other.sender())) {
                c.close();
            }
            assertThrows(IllegalStateException.class, other.receiver()::recv);
        }
    }
}
