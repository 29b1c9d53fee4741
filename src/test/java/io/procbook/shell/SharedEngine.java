package io.procbook.shell;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One engine for all tests of a class: JShell takes seconds to start on this machine. */
public abstract class SharedEngine {

    protected static JShellEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = new JShellEngine();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
        engine = null;
    }
}
