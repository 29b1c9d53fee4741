package io.procbook.shell;

import io.procbook.shell.magic.MagicContext;
import jdk.jshell.JShell;
import jdk.jshell.VarSnippet;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * What magics may do in one cell of a {@link JShellEngine}: their code runs exactly like the cell's own code
 * (same thread group, output, interrupt), on the engine thread that holds JShell for the cell.
 */
final class CellMagicContext implements MagicContext {

    private final JShellEngine engine;
    private final JShell js;
    private final Cell cell;
    private final Function<String, Engine.ExecuteOutcome> evaluate;

    CellMagicContext(JShellEngine engine, JShell js, Cell cell, Function<String, Engine.ExecuteOutcome> evaluate) {
        this.engine = engine;
        this.js = js;
        this.cell = cell;
        this.evaluate = evaluate;
    }

    @Override
    public CellOutput out() {
        return cell.output();
    }

    @Override
    public Engine.ExecuteOutcome run(String code) {
        return evaluate.apply(code);
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
    public void monitor(boolean on) {
        engine.monitors().setAlwaysShow(on, cell);
    }
}
