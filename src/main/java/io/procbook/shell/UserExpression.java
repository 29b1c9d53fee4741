package io.procbook.shell;

import io.procbook.shell.api.Engine.ExecuteOutcome;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.util.List;
import java.util.Map;

/**
 * An execute request's {@code user_expressions}: one expression evaluated in the session like a cell's last
 * snippet, its value rendered, and nothing left behind (no {@code $N} variable for something the user never
 * typed in a cell). Called with the engine's evaluation lock held.
 */
final class UserExpression {

    private UserExpression() { }

    static ExecuteOutcome evaluate(JShell js, FocusedCompilation focus, RecordingExecutionControl control,
                                   SnippetOrigins origins, Cell cell, String expression) {
        List<Piece> pieces = Piece.split(js.sourceCodeAnalysis(), expression);
        if (pieces.size() != 1) {
            return ExecuteOutcome.error("SyntaxError", "not a single expression: " + expression, List.of());
        }
        CellRun run = new CellRun(js, focus, control, origins, cell, false);
        control.takeLastValue();
        List<SnippetEvent> events = focus.eval(pieces.get(0).source());
        SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (main == null) return ExecuteOutcome.error("SyntaxError", "nothing to evaluate", List.of());
        ExecuteOutcome failed = run.failure(main, pieces.get(0), new LineMap(expression));
        if (failed != null) return failed;
        Object value = control.takeLastValue();
        ExecuteOutcome result = CellRun.showsValue(main.snippet()) ? run.render(value) : ExecuteOutcome.ok(Map.of());
        if (main.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) focus.drop(main.snippet());
        return result;
    }
}
