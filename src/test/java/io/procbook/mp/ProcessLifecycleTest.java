package io.procbook.mp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ProcessLifecycleTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        leaks.assertClean();
    }

    @Test
    void childIsAnotherJvmAndExitsZero() throws Exception {
        Path out = Files.createTempFile("pl", ".txt");
        try {
            String file = out.toString();
            Process p = new Process(f -> Files.writeString(Path.of(f), Long.toString(ProcessHandle.current().pid())),
                    file);
            assertNull(p.exitCode());
            p.start();
            p.join();
            assertEquals(0, p.exitCode());
            assertFalse(p.isAlive());
            long childPid = Long.parseLong(Files.readString(out));
            assertEquals(p.pid(), childPid);
            assertNotEquals(ProcessHandle.current().pid(), childPid);
            assertNull(p.exception());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Test
    void aHostWhoseOutputRouterThrowsGetsTheErrorAndNoChildIsLeftWaiting() {
        io.procbook.mp.spi.Hooks.setOutputRouter(child -> {
            throw new IllegalStateException("router bug");
        });
        try {
            Process p = new Process(() -> { });
            IllegalStateException e = assertThrows(IllegalStateException.class, p::start);
            assertEquals("router bug", e.getMessage());
        } finally {
            io.procbook.mp.spi.Hooks.setOutputRouter(null);
        }
        // leaks.assertClean() (after each test) checks that the child JVM taken for it is gone
    }

    @Test
    void uncaughtExceptionGivesOneAndTheChildsTrace() {
        Process p = new Process(() -> {
            throw new IllegalArgumentException("boom in child");
        });
        p.start();
        p.join();
        assertEquals(1, p.exitCode());
        Throwable t = p.exception();
        assertInstanceOf(IllegalArgumentException.class, t);
        assertEquals("boom in child", t.getMessage());
        assertTrue(t.getStackTrace().length > 0);
    }

    @Test
    void systemExitStatusIsLiteral() {
        Process p3 = new Process(() -> System.exit(3));
        Process p130 = new Process(() -> System.exit(130));
        p3.start();
        p130.start();
        p3.join();
        p130.join();
        assertEquals(3, p3.exitCode());
        assertEquals(130, p130.exitCode(), "an exit status above 128 is not mistaken for a signal");
    }

    @Test
    void terminateAndKillGiveNegativeSignals() {
        Process t = new Process(() -> Thread.sleep(60_000));
        Process k = new Process(() -> Thread.sleep(60_000));
        t.start();
        k.start();
        assertTrue(t.isAlive());
        assertNull(t.exitCode());
        t.terminate();
        k.kill();
        assertTrue(t.join(Duration.ofSeconds(30)));
        assertTrue(k.join(Duration.ofSeconds(30)));
        assertEquals(-15, t.exitCode());
        assertEquals(-9, k.exitCode());
    }

    @Test
    void joinWithTimeoutReturnsFalseWhileRunning() {
        Process p = new Process(() -> Thread.sleep(60_000));
        p.start();
        assertFalse(p.join(Duration.ofMillis(200)));
        assertTrue(p.isAlive());
        p.kill();
        p.join();
        assertFalse(p.isAlive());
    }

    @Test
    void misuseThrowsIllegalState() {
        Process p = new Process(() -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, p::join);
        assertTrue(e.getMessage().contains("before start"), e.getMessage());
        assertThrows(IllegalStateException.class, p::pid);
        p.start();
        e = assertThrows(IllegalStateException.class, p::start);
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> p.daemon(true));
        assertTrue(e.getMessage().contains("before start"), e.getMessage());
        p.join();
        p.close();
        assertThrows(IllegalStateException.class, () -> Process.current().join());
    }

    @Test
    void namesCountUpAndSubclassesUseTheirName() {
        Process a = new Process(() -> { });
        Process b = new Process(() -> { });
        int na = Integer.parseInt(a.name().substring("Process-".length()));
        int nb = Integer.parseInt(b.name().substring("Process-".length()));
        assertEquals(na + 1, nb);
        Named n = new Named();
        assertEquals("Named-" + (nb + 1), n.name());
        assertEquals("MainProcess", Process.current().name());
        assertNull(Process.parent());
        assertEquals(Runtime.getRuntime().availableProcessors(), Process.cpuCount());
    }

    @Test
    void loopbackTcpFallbackWorks() {
        io.procbook.mp.internal.WarmPool.drain();
        System.setProperty("procbook.transport", "tcp");
        try {
            Process p = new Process(() -> System.exit(5));
            p.start();
            p.join();
            assertEquals(5, p.exitCode());
        } finally {
            System.clearProperty("procbook.transport");
            io.procbook.mp.internal.WarmPool.drain();
        }
    }

    @Test
    void terminateAllEndsEveryChild() {
        Process a = new Process(() -> Thread.sleep(60_000));
        Process b = new Process(() -> Thread.sleep(60_000)).daemon(true);
        a.start();
        b.start();
        Popen cmd = new Popen(List.of("sleep", "60"));
        assertEquals(0, Process.terminateAll(Duration.ofSeconds(20)));
        assertFalse(a.isAlive());
        assertFalse(b.isAlive());
        assertEquals(-15, a.exitCode());
        assertEquals(-15, b.exitCode());
        assertEquals(-15, cmd.waitFor());
        assertTrue(Process.activeChildren().isEmpty());
    }

    static class Named extends Process {
        @Override
        public void run() {
        }
    }
}
