package io.procbook.mp;

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
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Pre-started JVMs: they pick up class path entries added after they were launched. */
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
        ChildLeakCheck.waitFor(() -> ChildLeakCheck.runtimeThreads().isEmpty(), 20_000);
        assertEquals(List.of(), ChildLeakCheck.runtimeThreads(), "the pool's filler has stopped");
        ThreadGroup caller = new ThreadGroup("caller");
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(caller, () -> {
            try {
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
        ChildLeakCheck.waitFor(() -> WarmPool.idle() > 0, 60_000);
        assertTrue(WarmPool.idle() > 0, "a warm JVM is waiting");
        // the cold child's own pumps end with it; nothing of the pool's may stay in the caller's group
        ChildLeakCheck.waitFor(() -> threadsIn(caller).isEmpty(), 10_000);
        assertEquals(List.of(), threadsIn(caller));
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
                ChildLeakCheck.waitFor(() -> WarmPool.idle() > 0, 60_000);
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
}
