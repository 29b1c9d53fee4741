package io.procbook.shell;

import io.procbook.shell.help.Javadocs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JDK without its sources (Debian's without openjdk-N-source): signatures, and how to get the docs. */
class JdkDocsMissingTest {

    @TempDir
    static Path dir;
    static JShellEngine engine;

    @BeforeAll
    static void start() {
        engine = new JShellEngine(new Javadocs(dir.resolve("src.zip")));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void jdkMethodsShowTheirSignaturesAndSayTheDocsAreNotInstalled() {
        String format = InspectTest.page(engine, "String.format?");
        assertTrue(format.startsWith("java.lang.String.format\n\nString String.format(String format, Object... args)\n"), format);
        assertTrue(format.contains("\nString String.format(java.util.Locale l, String format, Object... args)\n")
                || format.contains("\nString String.format(Locale l, String format, Object... args)\n"), format);
        assertTrue(format.contains("The JDK's documentation is not installed (no " + dir.resolve("src.zip") + ")."), format);
    }

    @Test
    void procbooksOwnDocsDoNotNeedTheJdksSources() {
        String map = InspectTest.page(engine, "Pool.map?");
        assertTrue(map.contains("Parameters:"), map);
        assertFalse(map.contains("not installed"), map);
    }
}
