package io.procbook.monitor;

import io.procbook.mp.spi.ChildProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real operating-system process seen through the runtime's {@link ChildProcess} contract, standing in for
 * the runtime's own processes (written elsewhere). Every child started here is remembered so that
 * {@link #killAllAndAssertGone()} can make sure none survives a test.
 */
final class TestChild implements ChildProcess {

    private static final List<TestChild> STARTED = new ArrayList<>();

    private final String name;
    private final Process process;
    private final CompletableFuture<Integer> exit;

    private TestChild(String name, Process process) {
        this.name = name;
        this.process = process;
        // the JDK reports death by signal N as 128 + N; the contract says -N
        this.exit = process.onExit().thenApply(p -> p.exitValue() > 128 ? -(p.exitValue() - 128) : p.exitValue());
    }

    /** Starts {@link BusyChild} in a new JVM and waits (up to 20 s) until it prints {@code ready}. */
    static TestChild java(String name, String mode) throws IOException {
        Path classes;
        try {
            classes = Path.of(BusyChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        TestChild child = start(name, java.toString(), "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                                "-Xshare:auto", "-cp", classes.toString(), BusyChild.class.getName(), mode);
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return new BufferedReader(new InputStreamReader(child.process.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String first = line.get(20, TimeUnit.SECONDS);
            if (!"ready".equals(first)) throw new IOException("child did not start: " + first);
        } catch (Exception e) {
            child.kill();
            throw new IOException("child did not become ready", e);
        }
        return child;
    }

    /** Starts a command, e.g. {@code sleep 30}. */
    static synchronized TestChild start(String name, String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        TestChild child = new TestChild(name, p);
        STARTED.add(child);
        return child;
    }

    /** Kills every child started so far and asserts that each has exited. */
    static synchronized void killAllAndAssertGone() throws Exception {
        try {
            for (TestChild c : STARTED) c.process.destroyForcibly();
            for (TestChild c : STARTED) {
                c.process.onExit().get(10, TimeUnit.SECONDS);
                if (c.process.isAlive() || c.process.toHandle().isAlive()) {
                    throw new AssertionError("child still alive: " + c.name + " pid " + c.pid());
                }
            }
        } finally {
            STARTED.clear();
        }
    }

    Process process() { return process; }

    @Override public String name() { return name; }
    @Override public long pid() { return process.pid(); }
    @Override public Kind kind() { return Kind.PROCESS; }
    @Override public boolean isAlive() { return process.isAlive(); }
    @Override public void terminate() { process.destroy(); }
    @Override public void kill() { process.destroyForcibly(); }
    @Override public CompletableFuture<Integer> onExit() { return exit; }
}
