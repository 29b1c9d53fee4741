package io.procbook.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JupyterLab 4 and Notebook 7 in a real browser (Debian's Chromium driven by Playwright) against the
 * installed kernel: the suites in src/test/conformance/browser, whose tests say what they check. Screenshots
 * (every notebook after Run All, the Launcher, the README gallery's pictures, any failure) go to
 * target/browser.
 *
 * <p>Needs a Python with jupyterlab, notebook and playwright: {@code -Dprocbook.browser.python=PY}, else
 * $PROCBOOK_BROWSER_PYTHON, else the virtual environment .ci/run makes, ~/.cache/procbook-browser-tests
 * (README, "Install and test"); and Debian's chromium. Their absence is a failure that says so, not a skip.
 * {@code -Dprocbook.browser.k=PATTERN} runs only the matching tests (unittest's -k), for development.
 */
class BrowserIT {

    private static final Path SUITE = Path.of("src/test/conformance/browser").toAbsolutePath();
    private static final Path ARTIFACTS = Path.of("target/browser").toAbsolutePath();

    private static InstalledKernel kernel;
    private static String python;

    @BeforeAll
    static void install() throws Exception {
        kernel = InstalledKernel.install();
        python = browserPython();
        InstalledKernel.Result probe = kernel.run(List.of(python, "-c",
                "import jupyterlab, notebook, playwright; print(jupyterlab.__version__, notebook.__version__)"), 120);
        assertEquals(0, probe.exit(), "the browser tests need a Python with jupyterlab, notebook and playwright "
                + "(.ci/run makes one; README, \"Install and test\"); " + python + " says:\n" + probe.output());
        System.out.println("browser tests with " + python + ": jupyterlab, notebook " + probe.output().strip());
        Files.createDirectories(ARTIFACTS);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        InstalledKernel.checkAndRemove(kernel);
    }

    @Test
    void jupyterLab() throws Exception {
        runSuite("test_jupyterlab.py", 1500);
    }

    @Test
    void notebook7() throws Exception {
        runSuite("test_notebook7.py", 600);
    }

    private static void runSuite(String file, long timeoutSeconds) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, SUITE.resolve(file).toString()));
        String only = System.getProperty("procbook.browser.k", "");
        if (!only.isBlank()) command.addAll(List.of("-k", only));
        InstalledKernel.Result r = kernel.run(command, Map.of(
                "PROCBOOK_NOTEBOOKS", Path.of("notebooks").toAbsolutePath().toString(),
                "PROCBOOK_ARTIFACTS", ARTIFACTS.toString(),
                "PROCBOOK_WORK", kernel.root.resolve("browser").toString()), timeoutSeconds);
        System.out.println(r.output());
        assertEquals(0, r.exit(), file + " failed (screenshots in " + ARTIFACTS + "):\n" + r.output());
        assertTrue(r.output().contains("\nOK"), r.output());
    }

    private static String browserPython() {
        String given = System.getProperty("procbook.browser.python", System.getenv("PROCBOOK_BROWSER_PYTHON"));
        if (given != null && !given.isBlank()) return given;
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("procbook-browser-tests/bin/python").toString();
    }
}
