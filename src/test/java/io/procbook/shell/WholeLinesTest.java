package io.procbook.shell;

import io.procbook.testing.Poll;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Stream text kept in whole lines per writer (item: children's printf pieces cut into other lines). */
class WholeLinesTest {

    /** So long that only a newline, a flush or the size limit can let a partial line go during a test. */
    private static final long FOREVER_MILLIS = 600_000;

    private final RecordingOutput out = new RecordingOutput();
    private final WholeLines lines = new WholeLines(out, FOREVER_MILLIS);

    @AfterEach
    void letGo() {
        lines.flushAll(); // no ten-minute timer is left behind
    }

    @Test
    void aPartialLineWaitsForItsNewlineWhileOtherWritersLinesPass() {
        lines.write("A", "stdout", "a");
        lines.write("B", "stdout", "c");
        lines.write("B", "stdout", "d\n");
        assertEquals("cd\n", out.stdout(), "B's line went at once, A's piece waits");
        lines.write("A", "stdout", "b\nnext ");
        assertEquals("cd\nab\n", out.stdout());
        lines.write("A", "stdout", "line\n");
        assertEquals("cd\nab\nnext line\n", out.stdout());
    }

    @Test
    void completeLinesPassAtOnceInOneCall() {
        lines.write("A", "stdout", "one\ntwo\n");
        assertEquals("one\ntwo\n", out.stdout());
        lines.write("A", "stdout", "three\nfour");
        assertEquals("one\ntwo\nthree\n", out.stdout(), "up to the last newline, nothing held before it");
    }

    @Test
    void stdoutAndStderrAreSeparateWriters() {
        lines.write("A", "stdout", "out ");
        lines.write("A", "stderr", "err line\n");
        assertEquals("err line\n", out.stderr());
        assertEquals("", out.stdout());
        lines.write("A", "stdout", "line\n");
        assertEquals("out line\n", out.stdout());
    }

    @Test
    void flushLetsOneWritersPartialLineGoAndFlushAllEveryOnes() {
        lines.write("A", "stdout", "a");
        lines.write("B", "stdout", "b");
        lines.write("B", "stderr", "e");
        lines.flush("A", "stdout");
        assertEquals("a", out.stdout());
        lines.flush("A", "stdout");
        assertEquals("a", out.stdout(), "nothing is sent twice");
        lines.flush("B");
        assertEquals("ab", out.stdout());
        assertEquals("e", out.stderr());
        lines.write("C", "stdout", "c");
        lines.write("A", "stdout", "x");
        lines.flushAll();
        assertTrue(out.stdout().equals("abcx") || out.stdout().equals("abxc"), out.stdout());
    }

    @Test
    void aPartialLineThatReachesTheLimitGoesAtOnce() {
        String chunk = "x".repeat(WholeLines.MAX_HELD_CHARS - 1);
        lines.write("A", "stdout", chunk);
        assertEquals("", out.stdout());
        lines.write("A", "stdout", "yz");
        assertEquals(chunk + "yz", out.stdout());
    }

    @Test
    void aPartialLineGoesByItselfAfterTheHoldTime() {
        WholeLines quick = new WholeLines(out, 50);
        quick.write("A", "stdout", "prompt: ");
        Poll.until("the held prompt", () -> out.stdout().equals("prompt: "), Duration.ofSeconds(20));
        quick.write("A", "stdout", "answer\n");
        assertEquals("prompt: answer\n", out.stdout());
        quick.write("A", "stdout", "again");
        Poll.until("a second held piece", () -> out.stdout().equals("prompt: answer\nagain"), Duration.ofSeconds(20));
    }
}
