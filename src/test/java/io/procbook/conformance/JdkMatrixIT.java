package io.procbook.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second JDK of the matrix: the newest JDK installed beside the one the build runs on (see {@link Jdks}), on
 * which the unit tests, the kernel conformance suite and every notebook (under nbclient) run again; the default
 * JDK runs the unit tests and the conformance suite in the build itself, and every notebook in JupyterLab
 * ({@link BrowserIT}). Where no newer JDK is installed, the notebooks run under nbclient on the default JDK,
 * and the rest says so and passes: there is nothing else to run them on.
 */
class JdkMatrixIT {

    private static final Optional<Jdks.Jdk> NEWEST = Jdks.newestBeyondRunning();
    private static InstalledKernel kernel;

    @BeforeAll
    static void install() throws Exception {
        String java = NEWEST.map(j -> j.java().toString()).orElse(ProcessHandle.current().info().command().orElseThrow());
        System.out.println(NEWEST.map(j -> "JDK matrix: Java " + Runtime.version().feature() + " (the build's) and "
                + j.version() + " at " + j.home()).orElse("JDK matrix: no JDK newer than Java "
                + Runtime.version().feature() + " is installed; it runs on this one alone"));
        kernel = InstalledKernel.install(java);
        InstalledKernel.Result probe = kernel.run(List.of(InstalledKernel.python(), "-c",
                "import jupyter_kernel_test, nbclient, nbformat"), 60);
        assertEquals(0, probe.exit(), "the Jupyter test packages are missing (apt-get install "
                + "python3-jupyter-kernel-test python3-nbclient): " + probe.output());
    }

    @AfterAll
    static void cleanUp() throws Exception {
        InstalledKernel.checkAndRemove(kernel);
    }

    @Test
    void unitTestsPassOnTheNewestJdk() throws Exception {
        if (NEWEST.isEmpty()) return; // the build itself ran them on the only JDK there is
        Jdks.Jdk jdk = NEWEST.get();
        // surefire:test alone runs the classes this build compiled (release 17) in a JVM of the other JDK.
        InstalledKernel.Result r = kernel.run(List.of("mvn", "-B", "-o", "surefire:test",
                "-Djvm=" + jdk.java(), "-DreportsDirectory=" + Path.of("target/surefire-reports-java" + jdk.feature())
                        .toAbsolutePath()), 1800);
        String summary = r.output().lines().filter(l -> l.contains("Tests run:") && !l.contains(" in "))
                .reduce((a, b) -> b).orElse("(no summary)");
        System.out.println("unit tests on Java " + jdk.version() + ": " + summary);
        assertEquals(0, r.exit(), "unit tests failed on Java " + jdk.version() + ":\n" + tail(r.output()));
        assertTrue(summary.contains("Failures: 0, Errors: 0"), summary);
    }

    @Test
    void kernelConformanceOnTheNewestJdk() throws Exception {
        if (NEWEST.isEmpty()) return; // KernelConformanceIT ran it on the only JDK there is
        InstalledKernel.Result r = kernel.conformanceSuite();
        System.out.println(r.output());
        assertEquals(0, r.exit(), "jupyter_kernel_test failed on " + NEWEST.get().version() + ":\n" + r.output());
    }

    @Test
    void everyNotebookRunsUnderNbclient() throws Exception {
        InstalledKernel.Result r = kernel.notebooksUnderNbclient();
        System.out.println(r.output());
        assertEquals(0, r.exit(), "a notebook failed:\n" + r.output());
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    }
}
