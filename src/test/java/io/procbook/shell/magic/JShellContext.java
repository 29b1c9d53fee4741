package io.procbook.shell.magic;

import io.procbook.shell.CellOutput;
import io.procbook.shell.Engine;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.execution.LocalExecutionControlProvider;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A MagicContext over a bare in-process JShell, so magics are tested against real Java evaluation without the
 * kernel's engine. The snippets' System.out is this JVM's: the test captures it around each run.
 */
final class JShellContext implements MagicContext, AutoCloseable {

    final RecordingOutput out = new RecordingOutput();
    final List<Path> classpath = new ArrayList<>();
    final List<String> ran = new ArrayList<>();
    Boolean monitor;
    private final JShell js = JShell.builder()
            .executionEngine(new LocalExecutionControlProvider(), Map.of()).build();

    @Override
    public CellOutput out() {
        return out;
    }

    @Override
    public Engine.ExecuteOutcome run(String code) {
        ran.add(code);
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String rest = code;
            String value = null;
            while (!rest.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = js.sourceCodeAnalysis().analyzeCompletion(rest);
                for (SnippetEvent e : js.eval(info.source())) {
                    if (e.exception() != null) {
                        String name = e.exception() instanceof EvalException ee ? ee.getExceptionClassName()
                                : e.exception().getClass().getSimpleName();
                        return Engine.ExecuteOutcome.error(name, e.exception().getMessage(), List.of(name));
                    }
                    if (e.status() == Snippet.Status.REJECTED) {
                        return Engine.ExecuteOutcome.error("CompilationError", info.source(), List.of());
                    }
                    value = e.value();
                }
                rest = info.remaining();
            }
            return Engine.ExecuteOutcome.ok(value == null ? null : Map.of("text/plain", value));
        } finally {
            System.setOut(saved);
            out.stream("stdout", captured.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void addClasspath(Path entry) {
        classpath.add(entry);
        js.addToClasspath(entry.toString());
    }

    @Override
    public List<Variable> variables() {
        return js.variables().map(v -> new Variable(v.name(), v.typeName(), js.varValue(v))).toList();
    }

    @Override
    public int reset() {
        List<jdk.jshell.VarSnippet> vars = js.variables().toList();
        vars.forEach(js::drop);
        return vars.size();
    }

    @Override
    public void monitor(boolean on) {
        monitor = on;
    }

    @Override
    public void close() {
        js.close();
    }
}
