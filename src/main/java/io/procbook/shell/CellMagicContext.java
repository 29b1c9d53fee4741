package io.procbook.shell;

import io.procbook.shell.api.CellOutput;
import io.procbook.shell.api.Engine;
import io.procbook.shell.magic.MagicContext;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;

import java.nio.file.Path;
import java.util.List;

/**
 * What magics may do in one cell of a {@link JShellEngine}: their code runs exactly like the cell's own code
 * (same thread group, output, interrupt), on the engine thread that holds JShell for the cell.
 */
final class CellMagicContext implements MagicContext {

    private final JShellEngine engine;
    private final JShell js;
    private final Cell cell;
    private final String cellCode;
    private final LineMap cellLines;
    private final CellRun run;
    /** Magics hand over the cell's code in order: each piece is looked for after the previous one. */
    private int runFrom;
    /** The same for the code checked before anything runs. */
    private int checkFrom;

    /**
     * @param run runs the cell's code
     */
    CellMagicContext(JShellEngine engine, JShell js, Cell cell, String cellCode, CellRun run) {
        this.engine = engine;
        this.js = js;
        this.cell = cell;
        this.cellCode = cellCode;
        this.cellLines = new LineMap(cellCode);
        this.run = run;
    }

    @Override
    public CellOutput out() {
        return cell.output();
    }

    /**
     * Code typed in the cell (between magic lines, or a magic's argument) is found there, so that its errors
     * name the cell's own lines; code a magic generates is not, and is shown as it is.
     */
    @Override
    public Engine.ExecuteOutcome run(String code) {
        String text = code.strip();
        int at = text.isEmpty() ? -1 : cellCode.indexOf(text, runFrom);
        if (at < 0) return run.run(code);
        runFrom = at + text.length();
        return run.run(text, cellLines, at);
    }

    @Override
    public Engine.ExecuteOutcome checkSyntax(String code) {
        String text = code.strip();
        int at = text.isEmpty() ? -1 : cellCode.indexOf(text, checkFrom);
        if (at < 0) return run.syntaxError(code, new LineMap(code), 0);
        checkFrom = at + text.length();
        return run.syntaxError(text, cellLines, at);
    }

    @Override
    public void addClasspath(Path entry) {
        engine.addToClasspath(entry);
    }

    /** The notebook's named variables; JShell's {@code $1}-style temporaries are not the reader's. */
    @Override
    public List<Variable> variables() {
        return js.variables().filter(v -> !v.name().startsWith("$"))
                .map(v -> new Variable(v.name(), v.typeName(), valueOf(v))).toList();
    }

    private String valueOf(VarSnippet v) {
        try {
            return js.varValue(v);
        } catch (RuntimeException e) {
            // e.g. a variable whose initializer threw: it exists but has no value to show
            return "<" + e.getClass().getSimpleName() + ">";
        }
    }

    @Override
    public int reset() {
        List<VarSnippet> all = js.variables().toList();
        all.forEach(run::drop);
        return (int) all.stream().filter(v -> !v.name().startsWith("$")).count();
    }

    @Override
    public void monitor(MonitorMode mode) {
        engine.monitors().setMode(mode, cell);
    }
}
