package io.procbook.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class RuntimeImportsTest {

    @Test
    void scansPublicTopLevelTypesOfAPackageOnly() {
        List<String> spi = RuntimeImports.publicTypes("io.procbook.mp.spi", getClass().getClassLoader());
        assertTrue(spi.containsAll(List.of("io.procbook.mp.spi.Hooks", "io.procbook.mp.spi.ChildProcess",
                "io.procbook.mp.spi.OutputSink")), spi.toString());
        assertFalse(spi.stream().anyMatch(n -> n.contains("$") || n.endsWith("package-info")), spi.toString());
        // Package-private types are not importable.
        List<String> shell = RuntimeImports.publicTypes("io.procbook.shell", getClass().getClassLoader());
        assertTrue(shell.contains("io.procbook.shell.JShellEngine"));
        assertFalse(shell.contains("io.procbook.shell.Cell"));
        assertEquals(List.of(), RuntimeImports.publicTypes("no.such.pkg", getClass().getClassLoader()));
    }

    @Test
    void statementsAreSingleSnippetImports() {
        List<String> s = RuntimeImports.statements(getClass().getClassLoader());
        assertTrue(s.contains("import java.util.concurrent.*;"));
        assertTrue(s.contains("import static io.procbook.display.Display.display;"));
        assertTrue(s.contains("import static io.procbook.shell.Input.input;"));
        // The library on demand; single-type imports only where a default package has the same simple name.
        assertTrue(s.contains("import io.procbook.mp.*;"));
        assertTrue(s.containsAll(List.of("import io.procbook.mp.Process;", "import io.procbook.mp.Queue;")), s.toString());
        assertFalse(s.contains("import io.procbook.mp.Pool;"), s.toString());
        for (String imp : s) {
            assertTrue(imp.startsWith("import ") && imp.endsWith(";") && imp.indexOf(';') == imp.length() - 1, imp);
        }
    }

    @Test
    void theMonitorsTypesAreImportedAndNoneOfTheirNamesIsAmbiguous() {
        ClassLoader loader = getClass().getClassLoader();
        assertTrue(RuntimeImports.statements(loader).contains("import io.procbook.monitor.*;"));
        List<String> monitor = RuntimeImports.publicTypes(RuntimeImports.MONITOR_PACKAGE, loader);
        assertTrue(monitor.containsAll(List.of("io.procbook.monitor.Monitor", "io.procbook.monitor.MonitorSnapshot",
                "io.procbook.monitor.SeriesSnapshot", "io.procbook.monitor.Sample")), monitor.toString());
        // Another on-demand import holding the same simple name would make both unusable by that name.
        List<String> others = new java.util.ArrayList<>(List.of("java.lang.*", "io.procbook.mp.*"));
        for (String s : RuntimeImports.statements(loader)) {
            if (s.startsWith("import java.") && s.endsWith(".*;")) others.add(s.substring(7, s.length() - 1));
        }
        for (String type : monitor) {
            String simple = type.substring(type.lastIndexOf('.') + 1);
            for (String pkg : others) {
                String clash = pkg.substring(0, pkg.length() - 1) + simple;
                assertThrows(ClassNotFoundException.class, () -> Class.forName(clash, false, loader),
                        type + " has the name of " + clash);
            }
        }
    }
}
