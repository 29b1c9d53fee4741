package io.procbook.mp;

import io.procbook.mp.spi.Hooks;
import io.procbook.shell.ClassRegistry;
import io.procbook.shell.RecordingExecutionControl;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A JShell session as the kernel runs one: local execution with class recording, the registry installed as
 * the runtime's class source, and the mp types imported.
 */
final class NotebookSession implements AutoCloseable {

    private final ClassRegistry registry = new ClassRegistry();
    private final JShell js;

    NotebookSession() {
        js = JShell.builder().executionEngine(RecordingExecutionControl.provider(registry), Map.of()).build();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String e : cp.split(File.pathSeparator)) if (!e.isEmpty()) js.addToClasspath(e);
        Hooks.setClassSource(registry);
        eval("import io.procbook.mp.Process;");
        eval("import java.nio.file.*;");
    }

    /** Evaluates one snippet (or several), failing the test on any compile error or exception. */
    String eval(String code) {
        String last = null;
        String rest = code;
        while (!rest.isBlank()) {
            var info = js.sourceCodeAnalysis().analyzeCompletion(rest);
            String src = info.source();
            for (SnippetEvent ev : js.eval(src)) {
                if (ev.exception() != null) {
                    throw new AssertionError("snippet threw: " + src, ev.exception());
                }
                if (ev.status() == Snippet.Status.REJECTED || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    String diags = js.diagnostics(ev.snippet()).map(Diag::toString).collect(Collectors.joining("; "));
                    throw new AssertionError("snippet rejected: " + src + " : " + diags + " " + describe(ev));
                }
                if (ev.causeSnippet() == null) last = ev.value();
            }
            rest = info.remaining();
        }
        return last;
    }

    private String describe(SnippetEvent ev) {
        return js.diagnostics(ev.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; "));
    }

    /** @return the underlying JShell, e.g. to extend its class path as the kernel's %classpath does */
    JShell js() {
        return js;
    }

    @Override
    public void close() {
        Hooks.setClassSource(null);
        js.close();
    }
}
