package io.procbook.shell.magic;

import io.procbook.shell.api.Engine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MavenMagicTest extends EngineSession {

    @Test
    void resolvesFromTheLocalCacheAndTheClassIsUsable() {
        // Gson 2.11.0 is one of this project's own dependencies, so the build has put it in ~/.m2 already.
        Engine.ExecuteOutcome o = cell("%maven com.google.code.gson:gson:2.11.0");
        assertEquals("ok", o.status(), o.evalue());
        assertTrue(addedClasspath().stream().anyMatch(p -> p.getFileName().toString().equals("gson-2.11.0.jar")),
                addedClasspath().toString());
        assertEquals("\"{\\\"a\\\":1}\"", cell("new com.google.gson.Gson().toJson(java.util.Map.of(\"a\", 1))")
                .result().get("text/plain"));
        int before = addedClasspath().size();
        assertEquals("ok", cell("%maven com.google.code.gson:gson:2.11.0").status());
        assertEquals(before, addedClasspath().size(), "resolving again adds nothing twice");
        assertTrue(out.stdout.toString().contains("already on the class path"));
    }

    @Test
    void downloadsFromCentralWithItsDependenciesIntoTheGivenCache() throws Exception {
        Path repo = Files.createTempDirectory("m2-");
        try {
            List<String> progress = new ArrayList<>();
            List<Path> files = new MavenResolver(repo, MavenSettings.none()).resolve(
                    List.of("com.google.guava:failureaccess:1.0.2"), List.of(), false, progress::add);
            assertEquals(1, files.size(), files.toString());
            assertTrue(Files.size(files.get(0)) > 1000);
            assertTrue(files.get(0).startsWith(repo));
            assertTrue(progress.stream().anyMatch(l -> l.startsWith("Downloaded ") && l.contains("failureaccess-1.0.2.jar")),
                    progress.toString());
            // Transitive: commons-text pulls in commons-lang3.
            List<Path> withDeps = new MavenResolver(repo, MavenSettings.none()).resolve(
                    List.of("org.apache.commons:commons-text:1.10.0"), List.of(), false, line -> { });
            assertTrue(withDeps.stream().anyMatch(p -> p.getFileName().toString().startsWith("commons-lang3-")),
                    withDeps.toString());
        } finally {
            try (var walk = Files.walk(repo)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void errorsNameTheArtifactAndLeaveTheSessionUsable() {
        Engine.ExecuteOutcome missing = cell("%maven io.procbook.nothing:does-not-exist:9.9");
        assertEquals("error", missing.status());
        assertTrue(missing.evalue().contains("io.procbook.nothing:does-not-exist:9.9"), missing.evalue());
        assertEquals("error", cell("%maven just-a-word").status());
        assertEquals("error", cell("%maven").status());
        assertEquals("error", cell("%maven --repo").status());
        assertEquals("error", cell("%maven --repo notaurl g:a:1").status());
        Engine.ExecuteOutcome plain = cell("%maven --repo http://127.0.0.1:9/ g:a:1");
        assertEquals("error", plain.status());
        assertTrue(plain.evalue().contains("--allow-http"), plain.evalue());
        assertTrue(addedClasspath().isEmpty());
        assertEquals("2", cell("1 + 1").result().get("text/plain"));
    }
}
