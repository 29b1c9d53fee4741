package io.procbook.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./install.sh as a newcomer runs it on a machine with a JDK and Maven but no Jupyter front end: it sets up
 * JupyterLab and Notebook 7 in a private virtual environment and prints one command; that command serves the
 * tutorials with the kernel. Run again, it installs nothing; a front end on the PATH is left alone; --no-lab
 * skips the step. pip takes the package indexes its configuration names (.ci/run's machines have no other).
 */
class InstallFrontEndIT {

    private static final Pattern SERVER_URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
    private static final Path NOTEBOOKS = Path.of("notebooks").toAbsolutePath();

    private static InstalledKernel home;
    private static Path venv;
    private static String firstRun;
    private static String pathWithoutFrontEnds;

    @BeforeAll
    static void installAsANewcomer() throws Exception {
        home = InstalledKernel.create();
        venv = home.root.resolve("xdg/procbook/jupyterlab");
        // This machine's own front ends (if any) are not the newcomer's.
        pathWithoutFrontEnds = Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .filter(d -> !Files.isExecutable(Path.of(d, "jupyter-lab"))
                        && !Files.isExecutable(Path.of(d, "jupyter-notebook")))
                .collect(Collectors.joining(File.pathSeparator));
        InstalledKernel.Result r = install(Map.of());
        System.out.println(r.output());
        assertEquals(0, r.exit(), r.output());
        firstRun = r.output();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        InstalledKernel.checkAndRemove(home);
    }

    private static InstalledKernel.Result install(Map<String, String> env, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("./install.sh", "--jar", InstalledKernel.jar().toString()));
        command.addAll(List.of(options));
        Map<String, String> all = new HashMap<>(Map.of("PATH", pathWithoutFrontEnds));
        all.putAll(env);
        return home.run(command, all, 900);
    }

    @Test
    void setsUpJupyterLabAndPrintsTheOneCommandThatServesTheTutorials() throws Exception {
        assertTrue(firstRun.contains("No Jupyter front end found: installing JupyterLab and Notebook 7 into " + venv),
                firstRun);
        assertTrue(firstRun.contains("Front end:  JupyterLab 4."), firstRun);
        assertTrue(firstRun.contains("and Notebook 7."), firstRun);
        String command = lastLine(firstRun);
        assertEquals(venv.resolve("bin/jupyter") + " lab \"" + NOTEBOOKS + "\"", command);

        String token = UUID.randomUUID().toString();
        List<String> argv = new ArrayList<>(List.of(venv.resolve("bin/jupyter").toString(), "lab",
                NOTEBOOKS.toString(), "--no-browser", "--ip=127.0.0.1", "--port=0",
                "--IdentityProvider.token=" + token));
        if ("root".equals(System.getProperty("user.name"))) argv.add("--allow-root");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(home.env);
        pb.environment().put("PATH", pathWithoutFrontEnds);
        Process server = pb.start();
        try {
            String url = serverUrl(server).get(120, TimeUnit.SECONDS);
            String files = get(url + "api/contents?token=" + token);
            assertTrue(files.contains("\"00-index.ipynb\"") && files.contains("\"09-multicore.ipynb\""), files);
            String kernels = get(url + "api/kernelspecs?token=" + token);
            assertTrue(kernels.contains("\"procbook\"") && kernels.contains("Java (procbook)"), kernels);
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/shutdown?token=" + token))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not stop");
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void aSecondRunKeepsThePrivateJupyterLab() throws Exception {
        InstalledKernel.Result again = install(Map.of());
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("Front end:  JupyterLab in " + venv + " (set up by an earlier run); left as it is"),
                again.output());
        assertFalse(again.output().contains("installing"), again.output());
        assertEquals(lastLine(firstRun), lastLine(again.output()));
    }

    @Test
    void aFrontEndOnThePathIsLeftAlone() throws Exception {
        Path bin = Files.createDirectories(home.root.resolve("users-bin"));
        Files.createSymbolicLink(bin.resolve("jupyter-lab"), venv.resolve("bin/jupyter-lab"));
        Path otherData = home.root.resolve("xdg-with-lab");
        InstalledKernel.Result r = install(Map.of("PATH", bin + File.pathSeparator + pathWithoutFrontEnds,
                "XDG_DATA_HOME", otherData.toString()));
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("Front end:  JupyterLab found at " + bin.resolve("jupyter-lab") + "; left as it is"),
                r.output());
        assertEquals("jupyter lab \"" + NOTEBOOKS + "\"", lastLine(r.output()));
        assertFalse(Files.exists(otherData.resolve("procbook")), "nothing installed");
    }

    @Test
    void noLabSkipsTheStep() throws Exception {
        Path otherData = home.root.resolve("xdg-no-lab");
        InstalledKernel.Result r = install(Map.of("XDG_DATA_HOME", otherData.toString()), "--no-lab");
        assertEquals(0, r.exit(), r.output());
        assertFalse(r.output().contains("Front end:"), r.output());
        assertTrue(lastLine(r.output()).startsWith("Use it with: jupyter lab"), r.output());
        assertFalse(Files.exists(otherData.resolve("procbook")), "nothing installed");
    }

    @Test
    void helpSaysIt() throws Exception {
        InstalledKernel.Result r = home.run(List.of("./install.sh", "--help"), 60);
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().contains("--no-lab") && r.output().contains("JupyterLab and")
                && r.output().contains("Notebook 7"), r.output());
        assertFalse(r.output().contains("#"), "the help is the header without its comment signs:\n" + r.output());
    }

    private static String lastLine(String output) {
        List<String> lines = output.strip().lines().toList();
        return lines.get(lines.size() - 1).strip();
    }

    /** The address the server prints once it listens; its output keeps being drained after that. */
    private static CompletableFuture<String> serverUrl(Process server) {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder log = new StringBuilder();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    log.append(line).append('\n');
                    Matcher m = SERVER_URL.matcher(line);
                    if (m.find()) url.complete(m.group(1));
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IllegalStateException("the server ended:\n" + log));
        }, "jupyter-lab-output");
        reader.setDaemon(true);
        reader.start();
        return url;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return r.body();
    }
}
