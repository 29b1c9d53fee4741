package io.procbook.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.procbook.mp.internal.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tutorials a Mac user meets first, run under nbclient against a kernel installed as ./install.sh does and
 * then told (in kernel.json's argv, where JVM flags go) to hide /proc, /dev/shm and setsid
 * ({@link Platform}): the kernel and every child JVM it starts run their fallbacks. Notebooks 01 (processes),
 * 04 (queues and pipes), 05 (managers and shared state) and 09 (the monitor's figures, checked by its own
 * cells) must pass, every monitor table or chart must say what it cannot measure, and the shared-memory folder
 * given must hold everything shared and be empty afterwards. The notebooks as they ran are kept in
 * {@code target/platform-fallback-notebooks}.
 */
class PlatformFallbackIT {

    private static final List<String> NOTEBOOKS =
            List.of("01-processes", "04-queues-pipes", "05-shared-state", "09-multicore");
    /** What the sampler prints (to the kernel's stderr, part of the run's output) when a monitor fails. */
    private static final String MONITOR_FAILED = "procbook monitor: stopped monitoring";

    /** The notebooks as they ran, for a look after a failure. */
    private static final Path SAVED = Path.of("target/platform-fallback-notebooks");

    private static InstalledKernel kernel;
    private static Path shm;

    @BeforeAll
    static void install() throws Exception {
        kernel = InstalledKernel.install();
        shm = kernel.root.resolve("shm");
        Path spec = kernel.prefix.resolve("share/jupyter/kernels/procbook/kernel.json");
        JsonObject json = JsonParser.parseString(Files.readString(spec)).getAsJsonObject();
        JsonArray argv = new JsonArray();
        for (var arg : json.getAsJsonArray("argv")) {
            if (arg.getAsString().equals("-jar")) {
                argv.add("-D" + Platform.PROC + "=false");
                argv.add("-D" + Platform.SETSID + "=false");
                argv.add("-D" + Platform.SHM + "=" + shm);
            }
            argv.add(arg);
        }
        json.add("argv", argv);
        Files.writeString(spec, json.toString(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        InstalledKernel.checkAndRemove(kernel);
    }

    @Test
    void theFirstTutorialsRunWithoutProcDevShmAndSetsid() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(InstalledKernel.python(),
                Path.of("src/test/conformance/run_fallback_notebooks.py").toAbsolutePath().toString(), "procbook",
                SAVED.toAbsolutePath().toString()));
        for (String n : NOTEBOOKS) cmd.add(Path.of("notebooks", n + ".ipynb").toAbsolutePath().toString());
        InstalledKernel.Result r = kernel.run(cmd, 900);
        System.out.println(r.output());
        assertEquals(0, r.exit(), "a notebook failed in the fallback mode:\n" + r.output());
        assertFalse(r.output().contains(MONITOR_FAILED), "a monitor failed:\n" + r.output());
        kernel.assertNoProcessLeft();
        assertTrue(Files.isDirectory(shm.resolve("procbook-wake-" + Platform.uid())),
                "the kernel and its children used the shared-memory folder they were given");
        try (Stream<Path> left = Files.walk(shm)) {
            assertEquals(List.of(), left.filter(p -> !Files.isDirectory(p)).map(Path::toString).toList(),
                    "shared memory left behind");
        }
    }
}
