package io.procbook.mp.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.procbook.mp.internal.shm.ShmDir;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts child JVMs running {@link IpcChild} for the cross-process tests, hands them shared objects the way
 * a Process will (Java serialization of the object = its name), reads their stdout line by line, and on close
 * kills whatever is left, checks every child is gone, and checks that no shared-memory file of the test JVM or
 * of its children is left.
 */
final class Children implements AutoCloseable {

    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    private static final String CP = Paths.get("target", "classes").toAbsolutePath() + java.io.File.pathSeparator
            + Paths.get("target", "test-classes").toAbsolutePath();

    private final List<Process> started = new ArrayList<>();
    private final Map<Process, BlockingQueue<String>> lines = new ConcurrentHashMap<>();

    /** Serializes a shared object to the text form a child receives as an argument. */
    static String handle(Object o) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bos)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bos.toByteArray());
    }

    /** Reverses {@link #handle(Object)} (in the child). */
    @SuppressWarnings("unchecked")
    static <T> T fromHandle(String s) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(s)))) {
            return (T) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code IpcChild scenario args...}. */
    Process start(String... args) {
        return start(List.of(), args);
    }

    /** Starts {@code IpcChild scenario args...} with {@code jvmOptions} after this JVM's platform mode. */
    Process start(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xmx96m", "-XX:+UseSerialGC"));
        cmd.addAll(io.procbook.mp.internal.Platform.childJvmFlags()); // this test JVM's platform mode
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", CP, IpcChild.class.getName()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            started.add(p);
            BlockingQueue<String> q = new LinkedBlockingQueue<>();
            lines.put(p, q);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        q.add(line);
                    }
                } catch (IOException ignored) {
                    // the child was killed
                }
            }, "child-stdout-" + p.pid());
            reader.setDaemon(true);
            reader.start();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next stdout line of {@code p}, waiting up to 60 s, or less if the child exits without one. */
    String line(Process p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            String l = null;
            int pollsAfterExit = 0;
            while (l == null && System.nanoTime() < deadline && pollsAfterExit < 10) {
                l = lines.get(p).poll(100, TimeUnit.MILLISECONDS);
                if (!p.isAlive()) {
                    pollsAfterExit++;
                }
            }
            assertNotNull(l, "child " + p.pid() + " printed no line (alive=" + p.isAlive() + ")");
            return l;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to 60 s) for {@code p} to exit and asserts its exit code. */
    void assertExits(Process p, int code) {
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child " + p.pid() + " did not exit");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(code, p.exitValue(), "exit code of child " + p.pid());
    }

    /** SIGKILLs {@code p} and waits until it is gone. */
    void kill(Process p) {
        p.destroyForcibly();
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed child " + p.pid() + " still running");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Long> pids() {
        return started.stream().map(Process::pid).collect(Collectors.toList());
    }

    /**
     * Kills every child still running, asserts all are gone, sweeps what killed children left, and asserts no
     * procbook file of this JVM or of a child remains (except this JVM's own wake-up socket, removed at exit).
     * Call after closing every shared object the test created.
     */
    @Override
    public void close() {
        for (Process p : started) {
            if (p.isAlive()) {
                kill(p);
            }
            assertFalse(p.isAlive(), "child " + p.pid() + " survived the test");
        }
        ShmDir.sweep();
        List<String> left = leftovers(pids());
        assertTrue(left.isEmpty(), "shared-memory files left behind: " + left);
    }

    /** procbook files whose name carries one of {@code childPids} or this JVM's pid (bar our own socket). */
    static List<String> leftovers(List<Long> childPids) {
        long self = ProcessHandle.current().pid();
        List<Long> all = new ArrayList<>(childPids);
        all.add(self);
        try (Stream<Path> s = Files.list(ShmDir.dir())) {
            List<String> left = s.map(p -> p.getFileName().toString())
                    .filter(n -> all.stream().anyMatch(pid -> n.startsWith("procbook-" + pid + "-")))
                    .collect(Collectors.toList());
            for (long pid : childPids) { // our own socket stays while this JVM runs
                Path socket = ShmDir.socketPath(pid);
                if (socket != null && Files.exists(socket, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    left.add(socket.toString());
                }
            }
            return left;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
