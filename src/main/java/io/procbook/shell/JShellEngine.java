package io.procbook.shell;

import java.util.List;
import java.util.Map;

/** Placeholder so the kernel compiles while the engine is built; replaced by the real JShell engine. */
public final class JShellEngine implements Engine {
    public JShellEngine() { }
    private static UnsupportedOperationException todo() { return new UnsupportedOperationException("engine not built yet"); }
    @Override public ExecuteOutcome execute(String code, CellOutput out, boolean silent) { throw todo(); }
    @Override public ExecuteOutcome evaluateExpression(String expression) { throw todo(); }
    @Override public Completion complete(String code, int cursor) { return new Completion(List.of(), cursor, cursor, Map.of()); }
    @Override public Inspection inspect(String code, int cursor, int detailLevel) { return new Inspection(false, Map.of()); }
    @Override public Completeness isComplete(String code) { return new Completeness("unknown", ""); }
    @Override public void interrupt() { }
    @Override public String languageVersion() { return Runtime.version().toString(); }
    @Override public void close() { }
}
