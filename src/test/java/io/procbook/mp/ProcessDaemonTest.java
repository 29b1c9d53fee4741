package io.procbook.mp;

import io.procbook.testing.Poll;
import io.procbook.mp.internal.Platform;
import io.procbook.mp.spi.Hooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Daemon semantics (S23): daemons die with their main program, non-daemons are waited for. */
class ProcessDaemonTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        Hooks.setOutputRouter(null);
        leaks.assertClean();
    }

    @Test
    void runMainTerminatesDaemonsAndJoinsTheOthers() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        Process[] ps = new Process[2];
        Process.runMain(() -> {
            Process d = new Process(() -> {
                System.out.println("Starting: " + Process.current().name());
                Thread.sleep(60_000);
                System.out.println("Exiting : " + Process.current().name());
            }).name("daemon").daemon(true);
            Process n = new Process(() -> {
                System.out.println("Starting: " + Process.current().name());
                Thread.sleep(300);
                System.out.println("Exiting : " + Process.current().name());
            }).name("non-daemon");
            ps[0] = d;
            ps[1] = n;
            d.start();
            Poll.until("router.out(\"daemon\").contains(\"Starting\")",
                    () -> router.out("daemon").contains("Starting"), 30_000);
            n.start();
        });
        assertFalse(ps[0].isAlive());
        assertFalse(ps[1].isAlive());
        assertEquals(-15, ps[0].exitCode());
        assertEquals(0, ps[1].exitCode());
        assertEquals("Starting: daemon\n", router.out("daemon"));
        assertEquals("Starting: non-daemon\nExiting : non-daemon\n", router.out("non-daemon"));
    }

    @Test
    void runMainRethrowsAfterCleaningUp() {
        Process[] d = new Process[1];
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Process.runMain(() -> {
            d[0] = new Process(() -> Thread.sleep(60_000)).daemon(true);
            d[0].start();
            throw new IllegalStateException("main failed");
        }));
        assertEquals("main failed", e.getMessage());
        assertEquals(-15, d[0].exitCode());
    }

    @Test
    void plainJavaExitWaitsForNonDaemonChildrenAndEndsDaemons() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(Platform.childJvmFlags()); // this test JVM's platform mode
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), DaemonParentMain.class.getName()));
        java.lang.Process parent = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(parent.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(parent.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, parent.exitValue(), out);
            assertTrue(out.contains("main returns"), out);
            assertTrue(out.contains("non-daemon done"), out);
            assertFalse(out.lines().anyMatch("daemon done"::equals), out);
            assertTrue(out.indexOf("main returns") < out.indexOf("non-daemon done"), out);
            long daemonPid = Long.parseLong(out.replaceAll("(?s).*DAEMON (\\d+).*", "$1"));
            Poll.until("the daemon child is gone", () -> ProcessHandle.of(daemonPid).isEmpty(), 5_000);
            assertTrue(ProcessHandle.of(daemonPid).isEmpty(), "the daemon child is gone");
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void interruptedJoinIsUncheckedAndKeepsTheFlag() throws Exception {
        Process p = new Process(() -> Thread.sleep(60_000));
        p.start();
        Throwable[] caught = new Throwable[1];
        boolean[] flag = new boolean[1];
        Thread t = new Thread(() -> {
            try {
                p.join();
            } catch (Throwable e) {
                caught[0] = e;
                flag[0] = Thread.currentThread().isInterrupted();
            }
        });
        t.start();
        Poll.until("t.getState() == Thread.State.WAITING", () -> t.getState() == Thread.State.WAITING, 10_000);
        t.interrupt();
        t.join(30_000);
        assertInstanceOf(UncheckedInterruptedException.class, caught[0]);
        assertTrue(flag[0], "interrupt flag kept");
        assertTrue(p.isAlive(), "the child keeps running");
        p.kill();
        assertTrue(p.join(Duration.ofSeconds(30)));
    }
}
