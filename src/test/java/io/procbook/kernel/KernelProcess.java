package io.procbook.kernel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real entry point ({@link Main}) in a JVM of its own, on free loopback ports, with its history and log in
 * a folder of the test's; closing it kills it (if a test did not end it) and waits until it is gone.
 */
final class KernelProcess implements AutoCloseable {
    final Kernel.Ports ports;
    final Path log;
    final Process process;

    /**
     * @param dir          where the connection file, history and log go
     * @param key          the connection file's key
     * @param jpyParentPid the client's pid as Jupyter passes it, or null
     */
    KernelProcess(Path dir, String key, Long jpyParentPid) throws IOException, InterruptedException {
        this.log = dir.resolve("kernel.log");
        // The ports were free a moment ago; another program may take one before the kernel binds it (other test
        // runs on the machine connect out all the time). A kernel that could not bind says so and exits: then
        // try again on other ports.
        for (int attempt = 1; ; attempt++) {
            Connection c = connectionFile(dir, key);
            Process p = start(dir, c.file, log, jpyParentPid);
            if (bound(p) || attempt == 3) {
                this.ports = c.ports;
                this.process = p;
                return;
            }
        }
    }

    /** Waits until the kernel says it listens (true) or exits because it could not bind (false). */
    private boolean bound(Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(" on tcp://")) return true;
            if (p.waitFor(50, TimeUnit.MILLISECONDS)) {
                return !Files.readString(log).contains("Address already in use");
            }
        }
        return true; // slow, not refused: the caller's own wait reports it
    }

    private record Connection(Path file, Kernel.Ports ports) { }

    private static Connection connectionFile(Path dir, String key) throws IOException {
        int[] p = new int[5];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                p[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        Path file = dir.resolve("kernel-test.json");
        Files.writeString(file, """
                {"shell_port": %d, "iopub_port": %d, "stdin_port": %d, "control_port": %d, "hb_port": %d,
                 "ip": "127.0.0.1", "key": "%s", "transport": "tcp", "signature_scheme": "hmac-sha256"}"""
                .formatted(p[0], p[1], p[2], p[3], p[4], key));
        return new Connection(file, new Kernel.Ports(p[0], p[1], p[2], p[3], p[4]));
    }

    /** Starts {@code Main} on {@code connection} as kernel.json starts it; its output goes to {@code log}. */
    static Process start(Path dir, Path connection, Path log, Long jpyParentPid) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // As kernel.json starts it (the jar's manifest opens java.lang; with -cp the flag does).
        ProcessBuilder pb = new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.procbook.kernel.Main", connection.toString());
        pb.environment().put("PROCBOOK_HISTORY", dir.resolve("history.jsonl").toString());
        if (jpyParentPid != null) {
            pb.environment().put("JPY_PARENT_PID", Long.toString(jpyParentPid));
        } else {
            pb.environment().remove("JPY_PARENT_PID");
        }
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        stopForSure(process);
    }

    static void stopForSure(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    }
}
