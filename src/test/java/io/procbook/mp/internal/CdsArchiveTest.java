package io.procbook.mp.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** The archive directory does not collect what killed dumps leave. */
class CdsArchiveTest {

    @Test
    void temporaryFilesOfDeadDumpsAreSweptAndThoseOfLiveOnesKept(@TempDir Path dir) throws Exception {
        java.lang.Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        long live = ProcessHandle.current().pid();
        Path deadTmp = Files.createFile(dir.resolve("cds-0a1b.aot." + dead + ".tmp"));
        Path deadConfig = Files.createFile(dir.resolve("cds-0a1b.aot." + dead + ".tmp.config"));
        Path liveTmp = Files.createFile(dir.resolve("cds-0a1b.jsa." + live + ".tmp"));
        Path archive = Files.createFile(dir.resolve("cds-0a1b.jsa"));
        Path unrelated = Files.createFile(dir.resolve("notes." + dead + ".tmp"));

        CdsArchive.sweepAbandoned(dir);

        assertFalse(Files.exists(deadTmp));
        assertFalse(Files.exists(deadConfig));
        assertTrue(Files.exists(liveTmp), "a dump still running keeps its file");
        assertTrue(Files.exists(archive));
        assertTrue(Files.exists(unrelated), "only the dump's own names are touched");
    }
}
