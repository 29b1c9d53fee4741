package io.procbook.mp;

import io.procbook.testing.Poll;
import io.procbook.mp.internal.WarmPool;
import io.procbook.mp.spi.ChildProcess;
import io.procbook.mp.spi.Hooks;
import io.procbook.mp.spi.OutputSink;
import io.procbook.mp.spi.ProcessListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.*;

/** Children's output through the host's router, and the lifecycle hooks. */
class ProcessOutputTest {

    private final ChildLeakCheck leaks = new ChildLeakCheck();

    @AfterEach
    void nothingLeft() {
        Hooks.setOutputRouter(null);
        leaks.assertClean();
    }

    @Test
    void outputGoesToTheSinkChosenOnTheStartingThreadStreamsApart() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        Process p = new Process(() -> {
            System.out.println("to out");
            System.err.println("to err");
            System.out.println("ünïcödé ✓");
        });
        p.start();
        p.join();
        assertEquals("to out\nünïcödé ✓\n", router.out(p.name()));
        assertEquals("to err\n", router.err(p.name()));
        assertSame(Thread.currentThread(), router.routedOn.get(p.name()));
    }

    @Test
    void outputArrivesWhileTheChildIsStillRunning() throws Exception {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        java.nio.file.Path go = java.nio.file.Files.createTempFile("go", ".flag");
        java.nio.file.Files.delete(go);
        try {
            Process p = new Process(f -> {
                System.out.println("early line");
                long end = System.currentTimeMillis() + 60_000;
                while (!java.nio.file.Files.exists(java.nio.file.Path.of(f)) && System.currentTimeMillis() < end) {
                    Thread.sleep(10);
                }
                System.out.println("late line");
            }, go.toString());
            p.start();
            Poll.until("router.out(p.name()).equals(\"early line\\n\")",
                    () -> router.out(p.name()).equals("early line\n"), 30_000);
            assertEquals("early line\n", router.out(p.name()));
            assertTrue(p.isAlive(), "the line came before the child ended");
            java.nio.file.Files.createFile(go);
            p.join();
            assertEquals("early line\nlate line\n", router.out(p.name()));
        } finally {
            java.nio.file.Files.deleteIfExists(go);
        }
    }

    @Test
    void aMillionLinesNeitherBlockTheChildNorFloodTheSink() {
        AtomicLong newlines = new AtomicLong();
        AtomicInteger calls = new AtomicInteger();
        OutputSink counting = (stderr, text) -> {
            calls.incrementAndGet();
            newlines.addAndGet(text.chars().filter(c -> c == '\n').count());
        };
        Hooks.setOutputRouter(child -> counting);
        Process p = new Process(() -> {
            for (int i = 0; i < 1_000_000; i++) System.out.println(i);
        });
        p.start();
        p.join();
        assertEquals(0, p.exitCode());
        assertEquals(1_000_000, newlines.get());
        assertTrue(calls.get() < 100_000, "output is coalesced: " + calls.get() + " sink calls");
    }

    @Test
    void terminateKeepsTheOutputTheChildWritesWhileHandlingTheSignal() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        Process p = new Process(() -> {
            io.procbook.mp.internal.Platform.onSignal("TERM", signal -> {
                System.out.println("last words");
                System.out.flush();
                Runtime.getRuntime().halt(0);
            });
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
        });
        p.start();
        Poll.until("router.out(p.name()).equals(\"ready\\n\")", () -> router.out(p.name()).equals("ready\n"), 30_000);
        assertEquals("ready\n", router.out(p.name()));
        p.terminate();
        p.join();
        assertEquals(0, p.exitCode(), "the handler's exit status");
        assertEquals("ready\nlast words\n", router.out(p.name()));
    }

    @Test
    void theEndOfEachStreamIsPassedOnAfterItsLastTextAndBeforeJoinReturns() {
        // A child gets a sink for its pipes and one for what it prints through System.out/err: each hears the
        // end of both streams, after its last text.
        List<List<String>> sinks = new CopyOnWriteArrayList<>();
        Hooks.setOutputRouter(child -> {
            List<String> events = new CopyOnWriteArrayList<>();
            sinks.add(events);
            return new OutputSink() {
                @Override
                public void write(boolean stderr, String text) {
                    events.add((stderr ? "err " : "out ") + text);
                }

                @Override
                public void end(boolean stderr) {
                    events.add(stderr ? "err ended" : "out ended");
                }
            };
        });
        Process p = new Process(() -> {
            System.out.print("no newline");
            System.err.print("nor here");
        });
        p.start();
        p.join();
        List<String> texts = new ArrayList<>();
        for (List<String> events : sinks) {
            List<String> out = events.stream().filter(e -> e.startsWith("out")).toList();
            List<String> err = events.stream().filter(e -> e.startsWith("err")).toList();
            assertEquals("out ended", out.get(out.size() - 1), "the end comes last: " + events);
            assertEquals("err ended", err.get(err.size() - 1), "the end comes last: " + events);
            assertEquals(1, out.stream().filter(e -> e.equals("out ended")).count(), events.toString());
            assertEquals(1, err.stream().filter(e -> e.equals("err ended")).count(), events.toString());
            events.stream().filter(e -> !e.endsWith("ended")).forEach(texts::add);
        }
        assertEquals(List.of("out no newline", "err nor here"), texts);
    }

    @Test
    void outputBeforeAssignmentIsKept() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        String before = System.getProperty("procbook.childJvmOptions");
        WarmPool.drain();
        System.setProperty("procbook.childJvmOptions", "-XshowSettings:properties");
        try {
            Process p = new Process(() -> System.out.println("user code"));
            p.start();
            p.join();
            assertTrue(router.err(p.name()).contains("Property settings"), router.err(p.name()));
            assertEquals("user code\n", router.out(p.name()));
        } finally {
            if (before == null) System.clearProperty("procbook.childJvmOptions");
            else System.setProperty("procbook.childJvmOptions", before);
            WarmPool.drain();
        }
    }

    @Test
    void listenersHearStartOnTheStartingThreadAndExitAfterReaping() {
        List<String> events = new CopyOnWriteArrayList<>();
        Map<String, Thread> startedOn = new ConcurrentHashMap<>();
        ProcessListener l = new ProcessListener() {
            @Override
            public void started(ChildProcess child) {
                startedOn.put(child.name(), Thread.currentThread());
                events.add("started " + child.name() + " " + child.kind() + " " + child.pid());
            }

            @Override
            public void exited(ChildProcess child, int exitCode) {
                events.add("exited " + child.name() + " " + exitCode + " alive=" + ProcessHandle.of(child.pid())
                        .map(ProcessHandle::isAlive).orElse(false));
            }
        };
        Hooks.addListener(l);
        try {
            Process p = new Process(() -> System.exit(7));
            p.start();
            p.join();
            // exited() comes from a runtime thread once the OS process is reaped, which may be after join().
            Poll.until("events.size() == 2", () -> events.size() == 2, 30_000);
            assertEquals(List.of("started " + p.name() + " PROCESS " + p.pid(),
                    "exited " + p.name() + " 7 alive=false"), events);
            assertSame(Thread.currentThread(), startedOn.get(p.name()));
        } finally {
            Hooks.removeListener(l);
        }
    }

    @Test
    void childrenRunAtTheSameTime() throws Exception {
        // S5: children run in parallel. Shown by events: each child says it started and then waits for a
        // file that the parent creates only once all three have started; a child that waited in vain
        // (children run one after another) exits with 1.
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        java.nio.file.Path go = java.nio.file.Files.createTempFile("go", ".flag");
        java.nio.file.Files.delete(go);
        String flag = go.toString();
        try {
            Process.runMain(() -> {
                List<Process> ps = List.of(1, 2, 3).stream().map(i -> new Process(f -> {
                    System.out.println("started");
                    long end = System.currentTimeMillis() + 60_000;
                    while (!java.nio.file.Files.exists(java.nio.file.Path.of(f))) {
                        if (System.currentTimeMillis() > end) System.exit(1);
                        Thread.sleep(10);
                    }
                }, flag)).toList();
                ps.forEach(Process::start);
                Poll.until("ps.stream().allMatch(p -> router.out(p.name()).equals(\"started\\n\"))",
                        () -> ps.stream().allMatch(p -> router.out(p.name()).equals("started\n")), 60_000);
                java.nio.file.Files.createFile(java.nio.file.Path.of(flag));
                ps.forEach(Process::join);
                assertEquals(List.of(0, 0, 0), ps.stream().map(Process::exitCode).toList());
                assertTrue(Process.activeChildren().isEmpty());
            });
        } finally {
            java.nio.file.Files.deleteIfExists(go);
        }
    }

    @Test
    void aChildCanStartChildrenOfItsOwn() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        Process p = new Process(() -> {
            Process g = new Process(() -> System.out.println("grandchild " + Process.current().name() + " of "
                    + Process.parent().pid()));
            g.start();
            g.join();
            System.out.println("child " + ProcessHandle.current().pid() + " saw exit " + g.exitCode());
        });
        p.start();
        p.join();
        assertEquals(0, p.exitCode(), router.err(p.name()));
        assertEquals("grandchild " + p.name() + ":1 of " + p.pid() + "\nchild " + p.pid() + " saw exit 0\n",
                router.out(p.name()));
    }

    @Test
    void currentAndParentInTheChild() {
        RecordingRouter router = new RecordingRouter();
        Hooks.setOutputRouter(router);
        Process p = new Process(() -> System.out.println(Process.current().name() + " " + Process.current().pid()
                + " " + Process.parent().name() + " " + Process.parent().pid() + " "
                + Process.parent().isAlive())).name("kid");
        p.start();
        p.join();
        assertEquals("kid " + p.pid() + " MainProcess " + ProcessHandle.current().pid() + " true\n", router.out("kid"));
    }
}
