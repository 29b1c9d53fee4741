package io.procbook.mp;

import io.procbook.testing.Poll;
import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.ProcessListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.*;

/** External commands (S16): call, run, Popen, and their errors. */
class SubprocessTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        Hooks.setOutputRouter(null);
        leaks.assertClean();
    }

    @Test
    void callStreamsOutputThroughTheRouterAndReturnsTheStatus() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        List<String> kinds = new CopyOnWriteArrayList<>();
        ProcessListener l = new ProcessListener() {
            @Override
            public void started(ChildProcess child) {
                kinds.add(child.kind() + " " + child.name());
            }
        };
        Hooks.addListener(l);
        try {
            assertEquals(0, Subprocess.call(List.of("echo", "hello")));
            assertEquals(4, Subprocess.call(List.of("sh", "-c", "echo oops >&2; exit 4")));
        } finally {
            Hooks.removeListener(l);
        }
        assertEquals(2, kinds.size());
        String echo = kinds.get(0).substring("SUBPROCESS ".length());
        assertTrue(kinds.get(0).startsWith("SUBPROCESS echo-"), kinds.toString());
        assertEquals("hello\n", router.out(echo));
        String sh = kinds.get(1).substring("SUBPROCESS ".length());
        assertEquals("oops\n", router.err(sh));
    }

    @Test
    void runCapturesFeedsInputAndHonoursCwdAndEnv() throws Exception {
        CompletedProcess r = Subprocess.run(List.of("cat"), Subprocess.options().captureOutput(true).input("fed\n"));
        assertEquals(0, r.exitCode());
        assertEquals("fed\n", r.stdout());
        assertEquals("", r.stderr());
        assertEquals(List.of("cat"), r.args());

        Path dir = Files.createTempDirectory("subproc").toRealPath();
        try {
            CompletedProcess pwd = Subprocess.run(List.of("pwd"), Subprocess.options().captureOutput(true).cwd(dir));
            assertEquals(dir + "\n", pwd.stdout());
        } finally {
            Files.delete(dir);
        }
        CompletedProcess env = Subprocess.run(List.of("/bin/sh", "-c", "echo \"$FOO|$HOME\""),
                Subprocess.options().captureOutput(true).env(Map.of("FOO", "bar")));
        assertEquals("bar|\n", env.stdout(), "the environment is replaced, not extended");

        CompletedProcess text = Subprocess.run(List.of("printf", "a\\r\\nb\\r"),
                Subprocess.options().captureOutput(true).text(true));
        assertEquals("a\nb\n", text.stdout());
        assertEquals("bar\n", Subprocess.checkOutput(List.of("echo", "bar")));
    }

    @Test
    void checkTimeoutAndMissingCommandGiveClearErrors() {
        CalledProcessException e = assertThrows(CalledProcessException.class, () -> Subprocess.run(
                List.of("sh", "-c", "echo partial; exit 2"), Subprocess.options().captureOutput(true).check(true)));
        assertEquals(2, e.exitCode());
        assertEquals("partial\n", e.stdout());
        assertTrue(e.getMessage().contains("non-zero exit status 2"), e.getMessage());

        long t0 = System.nanoTime();
        TimeoutExpiredException t = assertThrows(TimeoutExpiredException.class, () -> Subprocess.run(
                List.of("sh", "-c", "echo started; exec sleep 60"),
                Subprocess.options().captureOutput(true).timeout(Duration.ofMillis(500))));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 30_000);
        assertTrue(t.getMessage().contains("timed out after 0.5 seconds"), t.getMessage());
        assertEquals(Duration.ofMillis(500), t.timeout());

        CommandNotFoundException nf = assertThrows(CommandNotFoundException.class,
                () -> Subprocess.call(List.of("no-such-command-procbook")));
        assertTrue(nf.getMessage().contains("no-such-command-procbook"), nf.getMessage());
    }

    @Test
    void popenCommunicatesThroughItsPipes() {
        // S16: input fed to the command's stdin, its output and exit code read back.
        Popen p = new Popen(List.of("sh", "-c", "cat; echo to-err >&2; exit 3"), Subprocess.options()
                .stdin(Subprocess.PIPE).stdout(Subprocess.PIPE).stderr(Subprocess.PIPE));
        CompletedProcess r = p.communicate("set q=mx\npython.org\nexit\n");
        assertEquals("set q=mx\npython.org\nexit\n", r.stdout());
        assertEquals("to-err\n", r.stderr());
        assertEquals(3, r.exitCode());
        assertEquals(3, p.exitCode());
        assertEquals(3, p.waitFor());
    }

    @Test
    void popenTimeoutLeavesTheCommandRunningAndTerminateGivesMinus15() {
        Popen p = new Popen(List.of("sh", "-c", "echo first; exec sleep 60"),
                Subprocess.options().stdout(Subprocess.PIPE));
        assertNull(p.poll());
        awaitPipedStdout(p, "first\n"); // timed communicates until "first" was read: then the command sleeps
        TimeoutExpiredException t = assertThrows(TimeoutExpiredException.class,
                () -> p.communicate(null, Duration.ofMillis(300)));
        assertEquals("first\n", t.stdout(), "the timeout carries what was read so far");
        assertNull(p.poll(), "still running after the timeout");
        assertThrows(TimeoutExpiredException.class, () -> p.waitFor(Duration.ofMillis(50)));
        p.terminate();
        assertEquals(-15, p.waitFor());
        CompletedProcess r = p.communicate();
        assertEquals("first\n", r.stdout(), "communicate resumes after a timeout");
    }

    /** A shell that prints "ready", then idles; on SIGTERM it prints its last line and exits 0. */
    private static final List<String> LAST_WORDS = List.of("sh", "-c",
            "trap 'echo last words; exit 0' TERM; echo ready; while :; do sleep 0.05; done");

    @Test
    void terminateKeepsThePipesSoOutputWrittenWhileHandlingTheSignalIsRead() {
        Popen p = new Popen(LAST_WORDS, Subprocess.options().stdout(Subprocess.PIPE));
        awaitPipedStdout(p, "ready\n");
        p.terminate();
        CompletedProcess r = p.communicate();
        assertEquals("ready\nlast words\n", r.stdout(), "the reader still saw the handler's output");
        assertEquals(0, r.exitCode(), "the handler's exit status, not a signal");
        assertEquals(0, p.waitFor());
    }

    @Test
    void terminateKeepsTheLastLinesOfInheritedOutput() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        Popen p = new Popen(LAST_WORDS);
        String name = "sh-" + p.pid();
        Poll.until("router.out(name).equals(\"ready\\n\")", () -> router.out(name).equals("ready\n"), 20_000);
        assertEquals("ready\n", router.out(name));
        p.terminate();
        assertEquals(0, p.waitFor());
        assertEquals("ready\nlast words\n", router.out(name));
    }

    @Test
    void killStillEndsACommandThatIgnoresSigterm() {
        Popen p = new Popen(List.of("sh", "-c", "trap '' TERM; echo ready; while :; do sleep 0.05; done"),
                Subprocess.options().stdout(Subprocess.PIPE));
        awaitPipedStdout(p, "ready\n");
        p.terminate();
        assertThrows(TimeoutExpiredException.class, () -> p.waitFor(Duration.ofMillis(300)), "SIGTERM is ignored");
        p.kill();
        assertEquals(-9, p.waitFor());
        assertEquals("ready\n", p.communicate().stdout());
    }

    /** Waits (with communicate's timeout, which keeps collecting) until stdout so far is {@code expected}. */
    private static void awaitPipedStdout(Popen p, String expected) {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            TimeoutExpiredException t = assertThrows(TimeoutExpiredException.class,
                    () -> p.communicate(null, Duration.ofMillis(50)));
            String so = t.stdout() == null ? "" : t.stdout();
            if (so.equals(expected)) return;
            if (System.nanoTime() > end) fail("stdout is " + so + ", waited for " + expected);
        }
    }

    @Test
    void pipesMustBeAskedFor() {
        Popen p = new Popen(List.of("true"));
        assertThrows(IllegalStateException.class, p::stdin);
        assertThrows(IllegalStateException.class, p::stdout);
        assertThrows(IllegalStateException.class, () -> p.communicate("x"));
        assertEquals(0, p.waitFor());
    }
}
