package io.procbook.shell.magic;

import io.procbook.shell.api.CellOutput;
import io.procbook.shell.api.Engine;
import java.nio.file.Path;
import java.util.List;

/** What a magic may do to the session it runs in; the engine implements it once per cell. */
public interface MagicContext {

    /** @return the running cell's output */
    CellOutput out();

    /**
     * Runs Java source as part of the cell, exactly as if it had been typed there.
     *
     * @param code one or more snippets
     * @return the outcome; {@code result} holds the last expression's value
     */
    Engine.ExecuteOutcome run(String code);

    /**
     * Checks the syntax of Java source that is part of the cell, without running anything (names and types are
     * not checked: they may depend on code that runs before).
     *
     * @param code one or more snippets, as later given to {@link #run}
     * @return the compile error outcome of the first syntax error, or {@code null} if there is none
     */
    Engine.ExecuteOutcome checkSyntax(String code);

    /**
     * Adds a jar or class directory to JShell's class path and to every child process started from now on.
     *
     * @param entry an existing jar or directory
     */
    void addClasspath(Path entry);

    /** @return the session's variables, in definition order */
    List<Variable> variables();

    /**
     * Drops every variable of the session (methods and classes stay).
     *
     * @return how many were dropped
     */
    int reset();

    /** When cells show the live monitor ({@code %monitor on|off|auto}). */
    enum MonitorMode {
        /** In every cell, starting with the one that switches it on. */
        ON,
        /** In no cell; monitoring stops (monitors running now are left with their summary). */
        OFF,
        /** The default: in cells that start processes or busy threads. */
        AUTO
    }

    /**
     * Sets when the live monitor is shown, from the running cell on.
     *
     * @param mode on, off or auto
     */
    void monitor(MonitorMode mode);

    /** One notebook variable, as {@code %who} lists it. */
    record Variable(String name, String type, String value) { }
}
