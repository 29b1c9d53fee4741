package io.procbook.mp.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.procbook.mp.internal.shm.ShmDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Separate JVMs for the distributed tests (a plain {@code java -cp} of the compiled classes, no kernel): their
 * stdout as a line queue, and on close every one killed and checked gone.
 */
final class Jvms implements AutoCloseable {

    static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    static final String CP = Paths.get("target", "classes").toAbsolutePath() + File.pathSeparator
            + Paths.get("target", "test-classes").toAbsolutePath();

    private final List<Process> started = new ArrayList<>();
    private final Map<Process, BlockingQueue<String>> lines = new ConcurrentHashMap<>();

    /** Starts {@code prefix... java -cp CP main args...}; prefix runs it elsewhere (e.g. ip netns exec). */
    Process start(List<String> prefix, Class<?> main, String... args) {
        return start(prefix, List.of(), main, args);
    }

    /** As {@link #start(List, Class, String...)}, with {@code jvmOptions} (e.g. system properties). */
    Process start(List<String> prefix, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(JAVA, "-Xmx128m", "-XX:+UseSerialGC"));
        cmd.addAll(io.procbook.mp.internal.Platform.childJvmFlags()); // this test JVM's platform mode
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", CP, main.getName()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            started.add(p);
            BlockingQueue<String> q = new LinkedBlockingQueue<>();
            lines.put(p, q);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) q.add(line);
                } catch (IOException ignored) {
                    // killed
                }
            });
            reader.setDaemon(true);
            reader.start();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads lines of {@code p} (up to 120 s) until one starts with {@code prefix}; returns it. */
    String awaitLine(Process p, String prefix, List<String> seen) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            String l = lines.get(p).poll(200, TimeUnit.MILLISECONDS);
            if (l != null) {
                seen.add(l);
                if (l.startsWith(prefix)) return l;
            } else if (!p.isAlive() && lines.get(p).isEmpty()) {
                break;
            }
        }
        assertNotNull(null, "no line starting with '" + prefix + "' from pid " + p.pid() + "; saw " + seen);
        return null;
    }

    /**
     * Kills every JVM started here, then sweeps shared memory as the next procbook process would (files of dead
     * processes), and checks that none of theirs is left: a killed process has no chance to clean up, so only
     * files that the sweep can attribute to a dead owner, or that were never left at all, pass.
     */
    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("pid " + p.pid() + " did not die");
        }
        ShmDir.sweep();
        List<String> left = new ArrayList<>();
        for (Process p : started) left.addAll(Leftovers.shmFilesOf(p.pid()));
        assertEquals(List.of(), left, "shared-memory files of the killed JVMs survive the sweep");
    }
}
