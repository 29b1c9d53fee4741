package io.procbook.conformance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The jupyter_kernel_test suite against the installed kernel on the build's JDK (the newest other JDK runs it
 * in {@link JdkMatrixIT}, which also runs every notebook under nbclient; {@link BrowserIT} runs them in
 * JupyterLab). Needs Debian's python3-jupyter-kernel-test and python3-nbclient (.ci/run installs them); their
 * absence is a failure with that message, not a skip.
 */
class KernelConformanceIT {

    private static InstalledKernel kernel;

    @BeforeAll
    static void install() throws Exception {
        kernel = InstalledKernel.install();
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
    void jupyterKernelTestSuitePasses() throws Exception {
        InstalledKernel.Result r = kernel.conformanceSuite();
        System.out.println(r.output());
        assertEquals(0, r.exit(), "jupyter_kernel_test failed:\n" + r.output());
        assertTrue(r.output().contains("OK"), r.output());
    }
}
