package io.procbook.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SamplerLifecycleTest {

    private final CellMonitor first = new CellMonitor("first", new RecordingView());
    private final CellMonitor second = new CellMonitor("second", new RecordingView());

    @AfterEach
    void cleanUp() throws Exception {
        first.close();
        second.close();
        TestChild.killAllAndAssertGone();
    }

    @Test
    void oneThreadSamplesEveryMonitorAndStopsWhenNothingIsWatched() throws Exception {
        TestChild a = TestChild.start("a", "sleep", "30");
        TestChild b = TestChild.start("b", "sleep", "30");
        first.watchProcess(a);
        second.watchProcess(b);
        Thread sampler = Sampler.instance().thread();
        assertNotNull(sampler);
        assertTrue(sampler.isDaemon());
        assertTrue(Sampler.instance().awaitTicks(2, 10_000));
        assertSame(sampler, Sampler.instance().thread(), "both monitors share the one sampler thread");
        long samplers = Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals(Sampler.THREAD_NAME)).count();
        assertEquals(1, samplers);

        first.finish();
        second.finish();
        a.kill();
        b.kill();
        sampler.join(10_000);
        assertFalse(sampler.isAlive(), "the sampler thread ends once nothing is watched");
        assertNull(Sampler.instance().thread());
        assertTrue(first.isDone() && second.isDone());
    }

    @Test
    void aProcessWatchedAfterTheSummaryRestartsSampling() throws Exception {
        TestChild a = TestChild.start("a", "sleep", "30");
        first.watchProcess(a);
        first.finish();
        a.kill();
        a.onExit().get(10, TimeUnit.SECONDS);
        Await.snapshot(first, s -> first.isDone(), 10_000);
        assertFalse(first.snapshot().live());

        TestChild late = TestChild.start("late", "sleep", "30");
        first.watchProcess(late);
        assertFalse(first.isDone());
        MonitorSnapshot s = Await.snapshot(first, x -> x.rows().size() == 2 && x.rows().get(1).samples().size() >= 2, 10_000);
        assertTrue(s.live());
        late.kill();
        Await.snapshot(first, x -> !x.live(), 10_000);
    }

    @Test
    void closingReleasesTheProcFilesOfProcessesStillRunning() throws Exception {
        TestChild a = TestChild.start("a", "sleep", "30");
        first.watchProcess(a);
        String mark = "/proc/" + a.pid() + "/";
        assertTrue(openFiles().stream().anyMatch(f -> f.startsWith(mark)), "watching keeps " + mark + "stat open");
        first.close();
        assertTrue(a.isAlive());
        assertFalse(openFiles().stream().anyMatch(f -> f.startsWith(mark)), "closed monitors keep no descriptor");
    }

    private static List<String> openFiles() throws IOException {
        List<String> targets = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // the descriptor used to list the directory is gone by now
                }
            }
        }
        return targets;
    }
}
