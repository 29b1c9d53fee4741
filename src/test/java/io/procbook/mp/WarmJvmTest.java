package io.procbook.mp;

import io.procbook.testing.Poll;
import io.procbook.mp.internal.ChildJvm;
import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.spi.Hooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Pre-started JVMs: they pick up class path entries added after they were launched; a drain is final. */
class WarmJvmTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        Hooks.setOutputRouter(null);
        leaks.assertClean();
    }

    @Test
    void warmJvmsAndTheirThreadsStayOutOfTheThreadGroupOfTheCallerThatStartedThePool() throws Exception {
        WarmPool.drain();
        Poll.until("the pool's filler has stopped", () -> ChildLeakCheck.runtimeThreads().isEmpty(), 20_000);
        assertEquals(List.of(), ChildLeakCheck.runtimeThreads(), "the pool's filler has stopped");
        ThreadGroup caller = new ThreadGroup("caller");
        // What a notebook cell's binding is: every thread the caller's threads start inherits it.
        Set<String> inheritedBy = ConcurrentHashMap.newKeySet();
        InheritableThreadLocal<String> cell = new InheritableThreadLocal<>() {
            @Override
            protected String childValue(String parent) {
                inheritedBy.add(Thread.currentThread().getName()); // runs on the thread creating the child
                return parent;
            }
        };
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(caller, () -> {
            try {
                cell.set("cell 1");
                Process p = new Process(() -> { });
                p.start();
                p.join();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "first-caller");
        t.start();
        t.join();
        assertNull(failure[0]);
        Poll.until("a warm JVM is waiting", () -> WarmPool.idle() > 0, 60_000);
        assertTrue(WarmPool.idle() > 0, "a warm JVM is waiting");
        // the cold child's own pumps end with it; nothing of the pool's may stay in the caller's group
        Poll.until("threadsIn(caller).isEmpty()", () -> threadsIn(caller).isEmpty(), 10_000);
        assertEquals(List.of(), threadsIn(caller));
        assertFalse(inheritedBy.contains("procbook-warm-pool"),
                "the warm JVMs' threads carry no value of the caller's: " + inheritedBy);
    }

    private static List<String> threadsIn(ThreadGroup group) {
        Thread[] all = new Thread[64];
        int n = group.enumerate(all, true);
        return Arrays.stream(all, 0, n).filter(Thread::isAlive).map(Thread::getName).toList();
    }

    @Test
    void classpathAddedAfterAWarmJvmStartedIsSeenByIt() throws Exception {
        Path dir = Files.createTempDirectory("warmcp");
        try {
            Path src = dir.resolve("src/extra/Added.java");
            Files.createDirectories(src.getParent());
            Files.writeString(src, "package extra; public class Added { public String toString() { return \"added \" + 42; } }");
            Path classes = dir.resolve("classes");
            Files.createDirectories(classes);
            assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                    src.toString()));

            RecordingRouter router = new RecordingRouter();
            Hooks.setOutputRouter(router);
            try (NotebookSession nb = new NotebookSession()) {
                // Make the pool start, and wait until a pre-started JVM is ready.
                nb.eval("var first = new Process(() -> { }); first.start(); first.join();");
                Poll.until("a warm JVM is waiting", () -> WarmPool.idle() > 0, 60_000);
                assertTrue(WarmPool.idle() > 0, "a warm JVM is waiting");

                Hooks.addClasspath(classes);
                nb.js().addToClasspath(classes.toString());
                nb.eval("var p = new Process(() -> System.out.println(new extra.Added()));");
                nb.eval("p.start(); p.join();");
                String name = nb.eval("p.name()").replace("\"", "");
                assertEquals("0", nb.eval("p.exitCode()"), router.err(name));
                assertEquals("added 42\n", router.out(name));
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A refill that is still launching when the pool is drained must never be handed out or left running,
     * even when an obtain() restarts refilling before it connects. The refill is held before its main method
     * by HotSpot's PauseAtStartup (it waits while the pause file exists), so it is in flight for certain.
     */
    @Test
    void drainIsFinalForARefillThatIsStillLaunching() throws Exception {
        Path dir = Files.createTempDirectory("warmpause");
        Path pause = dir.resolve("paused");
        String capacity = System.getProperty("procbook.warmJvms");
        System.setProperty("procbook.warmJvms", "1");
        WarmPool.drain();
        try {
            WarmPool.obtain().kill(); // a cold start, which starts the refill thread
            Poll.until("the pool refilled", () -> WarmPool.idle() == 1, 60_000);
            assertEquals(1, WarmPool.idle(), "the pool refilled");
            System.setProperty("procbook.childJvmOptions", "-XX:+UnlockDiagnosticVMOptions -XX:+PauseAtStartup"
                    + " -XX:PauseAtStartupFile=" + pause);
            WarmPool.obtain().kill(); // takes the waiting JVM; the refill that follows pauses at startup
            Poll.until("pausedRefill().isPresent() && Files.exists(pause)",
                    () -> pausedRefill().isPresent() && Files.exists(pause), 60_000);
            ProcessHandle stale = pausedRefill().orElseThrow(() -> new AssertionError("no refill is launching"));
            assertTrue(Files.exists(pause), "the refill is paused before connecting");

            System.clearProperty("procbook.childJvmOptions");
            WarmPool.drain();
            ChildJvm cold = WarmPool.obtain(); // restarts refilling while the stale launch may still connect
            assertNotEquals(stale.pid(), cold.pid());
            cold.kill();
            Files.deleteIfExists(pause); // were the stale JVM still alive, it would now connect
            Poll.until("the refill launched before the drain is gone", () -> !stale.isAlive(), 20_000);
            assertFalse(stale.isAlive(), "the refill launched before the drain is gone");
        } finally {
            System.clearProperty("procbook.childJvmOptions");
            if (capacity == null) System.clearProperty("procbook.warmJvms");
            else System.setProperty("procbook.warmJvms", capacity);
            WarmPool.drain();
            Files.deleteIfExists(pause);
            Files.delete(dir);
        }
    }

    private static Optional<ProcessHandle> pausedRefill() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().orElse("").contains("PauseAtStartup")).findFirst();
    }
}
