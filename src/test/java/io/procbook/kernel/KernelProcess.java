package io.procbook.kernel;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real entry point ({@link Main}) in a JVM of its own, as kernel.json starts it, on free loopback ports. */
final class KernelProcess {

    private KernelProcess() { }

    /** A connection file on free ports, and those ports. */
    record Connection(Path file, Kernel.Ports ports) { }

    /** Writes a connection file into {@code dir} naming five ports that were free a moment ago. */
    static Connection connectionFile(Path dir) throws IOException {
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
                .formatted(p[0], p[1], p[2], p[3], p[4], KernelFixture.KEY));
        return new Connection(file, new Kernel.Ports(p[0], p[1], p[2], p[3], p[4]));
    }

    /**
     * Starts the kernel on {@code connection}; its history goes to {@code dir}, its output to
     * {@code dir/kernel.log}.
     *
     * @param jpyParentPid the pid the kernel watches as its parent (JPY_PARENT_PID), or {@code null}
     */
    static Process start(Path connection, Path dir, Long jpyParentPid) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // As kernel.json starts it (the jar's manifest opens java.lang; with -cp the flag does).
        ProcessBuilder pb = new ProcessBuilder(java, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "io.procbook.kernel.Main", connection.toString());
        pb.environment().put("PROCBOOK_HISTORY", dir.resolve("history.jsonl").toString());
        if (jpyParentPid != null) {
            pb.environment().put("JPY_PARENT_PID", Long.toString(jpyParentPid));
        }
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("kernel.log").toFile());
        return pb.start();
    }

    /** Kills {@code p} if it still runs and waits for it to be gone. */
    static void stopForSure(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
    }
}
