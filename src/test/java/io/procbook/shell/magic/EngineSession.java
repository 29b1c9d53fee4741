package io.procbook.shell.magic;

import io.procbook.mp.spi.Hooks;
import io.procbook.shell.api.Engine;
import io.procbook.shell.SharedEngine;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Magics tested the way a notebook uses them: cells of the real engine (one per test class), a fresh output
 * per test.
 */
abstract class EngineSession extends SharedEngine {

    RecordingOutput out;
    private List<Path> classpathBefore;

    @BeforeEach
    void freshOutput() {
        out = new RecordingOutput();
        classpathBefore = Hooks.extraClasspath();
    }

    /** Runs a cell, its output going to {@link #out}. */
    Engine.ExecuteOutcome cell(String code) {
        return engine.execute(code, out, false);
    }

    /** @return what this test's cells added to the class path of the session and its children */
    List<Path> addedClasspath() {
        List<Path> added = new ArrayList<>(Hooks.extraClasspath());
        added.removeAll(classpathBefore);
        return added;
    }
}
