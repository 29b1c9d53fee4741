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
}
