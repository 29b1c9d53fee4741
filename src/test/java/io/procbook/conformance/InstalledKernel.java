package io.procbook.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel as a user gets it: installed by ./install.sh from the packaged jar into a private prefix, with
 * Jupyter's data, runtime and config directories private too, so a test run touches nothing of the user's.
 * Everything a test starts through {@link #run} (kernels, Jupyter servers, browsers) has this install's root
 * folder in its command line or temporary folder, which is how {@link #leftovers} finds what was left running.
 */
final class InstalledKernel implements AutoCloseable {

    final Path root;
    final Path prefix;
    final Map<String, String> env;

    private InstalledKernel(Path root) throws IOException {
        this.root = root;
        this.prefix = root.resolve("prefix");
        Path tmp = Files.createDirectories(root.resolve("tmp"));
        this.env = Map.of(
                "JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "JUPYTER_DATA_DIR", root.resolve("data").toString(),
                "JUPYTER_RUNTIME_DIR", root.resolve("runtime").toString(),
                "JUPYTER_CONFIG_DIR", root.resolve("config").toString(),
                "XDG_DATA_HOME", root.resolve("xdg").toString(),
                "TMPDIR", tmp.toString(),
                "PYDEVD_DISABLE_FILE_VALIDATION", "1");
    }

    /** A private root with nothing installed yet. */
    static InstalledKernel create() throws IOException {
        return new InstalledKernel(Files.createTempDirectory("procbook-it-"));
    }

    /** The packaged jar, which failsafe's integration tests run against. */
    static Path jar() {
        Path jar = Path.of("target/procbook.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no " + jar + ": run through 'mvn verify'");
        return jar;
    }

    static InstalledKernel install() throws Exception {
        return install(null);
    }

    /** Installs the kernel to run with {@code java} (null: install.sh's default, the java Maven builds with). */
    static InstalledKernel install(String java) throws Exception {
        InstalledKernel k = create();
        List<String> cmd = new ArrayList<>(List.of("./install.sh", "--prefix", k.prefix.toString(), "--jar",
                jar().toString()));
        if (java != null) cmd.addAll(List.of("--java", java));
        Result r = k.run(cmd, 300);
        if (r.exit != 0) throw new IllegalStateException("install.sh failed:\n" + r.output);
        System.out.println(r.output);
        return k;
    }

    /** Runs the jupyter_kernel_test suite (src/test/conformance/test_procbook_kernel.py) against this kernel. */
    Result conformanceSuite() throws IOException, InterruptedException {
        return run(List.of(python(), Path.of("src/test/conformance/test_procbook_kernel.py").toAbsolutePath().toString()),
                600);
    }

    /** Runs every notebook in notebooks/ under nbclient against this kernel. */
    Result notebooksUnderNbclient() throws IOException, InterruptedException {
        return run(List.of(python(), Path.of("src/test/conformance/run_notebooks.py").toAbsolutePath().toString(),
                Path.of("notebooks").toAbsolutePath().toString()), 1500);
    }

    /** The python that has Debian's Jupyter packages (a pyenv python earlier on PATH usually has none). */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    record Result(int exit, String output) { }

    Result run(List<String> command, long timeoutSeconds) throws IOException, InterruptedException {
        return run(command, Map.of(), timeoutSeconds);
    }

    /** Runs COMMAND in the repository with this install's environment plus EXTRA_ENV; its output, all of it. */
    Result run(List<String> command, Map<String, String> extraEnv, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        Path log = Files.createTempFile(root, "run-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            return new Result(-1, Files.readString(log, StandardCharsets.UTF_8) + "\n[timed out after " + timeoutSeconds + " s]");
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Processes still running from this install (kernels and their children, servers, browsers). */
    List<ProcessHandle> leftovers() {
        String marker = root.toString();
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(found::add);
        return found;
    }

    /** Kernels are shut down by their clients; they and every child they started must be gone soon after. */
    void assertNoProcessLeft() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<ProcessHandle> left = leftovers();
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            left.get(0).onExit().completeOnTimeout(null, 200, TimeUnit.MILLISECONDS).join();
            left = leftovers();
        }
        assertTrue(left.isEmpty(), "processes left behind: " + left.stream()
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList());
    }

    /** For an @AfterAll: nothing of K's is left running, and K is removed (K is null if it was never made). */
    static void checkAndRemove(InstalledKernel k) throws IOException, InterruptedException {
        if (k == null) return;
        try {
            k.assertNoProcessLeft();
        } finally {
            k.close();
        }
    }

    @Override
    public void close() throws IOException {
        leftovers().forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
