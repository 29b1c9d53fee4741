package io.procbook.shell;

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

    /** Evaluates code as the cell's: {@code offset} is where it stands in the cell's text, or -1 if it is not there. */
    interface Evaluator {
        Engine.ExecuteOutcome run(String code, int offset);
    }

    private final JShellEngine engine;
    private final JShell js;
    private final Cell cell;
    private final String cellCode;
    private final Evaluator evaluate;
    /** Magics hand over the cell's code in order: each piece is looked for after the previous one. */
    private int searchFrom;

    CellMagicContext(JShellEngine engine, JShell js, Cell cell, String cellCode, Evaluator evaluate) {
        this.engine = engine;
        this.js = js;
        this.cell = cell;
        this.cellCode = cellCode;
        this.evaluate = evaluate;
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
        int at = text.isEmpty() ? -1 : cellCode.indexOf(text, searchFrom);
        if (at < 0) return evaluate.run(code, -1);
        searchFrom = at + text.length();
        return evaluate.run(text, at);
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
        all.forEach(js::drop);
        return (int) all.stream().filter(v -> !v.name().startsWith("$")).count();
    }

    @Override
    public void monitor(MonitorMode mode) {
        engine.monitors().setMode(mode, cell);
    }
}
