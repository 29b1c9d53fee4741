package io.procbook.shell;

import io.procbook.display.DisplayHandle;
import io.procbook.display.MimeBundle;
import io.procbook.display.Renderers;
import io.procbook.shell.api.Engine.ExecuteOutcome;
import io.procbook.shell.api.TextWidth;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the Java of one cell (or of one part of a magic cell): splits it into snippets ({@link Piece}), checks
 * their syntax, evaluates them in order, and turns the first failure or the last value into the outcome.
 *
 * <p><b>What is checked before anything runs.</b> As in Python, a cell with a syntax error runs none of its
 * code: before the first snippet is evaluated, javac's parser reads every later snippet ({@link SyntaxCheck},
 * all in one go, names and types not looked at), and the first syntax error it finds is the outcome, with its
 * cell line and caret. (The first snippet is not read twice: JShell rejects a syntax error in it before
 * running anything, with its own message.) Only syntax can be checked this early: a snippet may use what an
 * earlier snippet of the same cell declares, and JShell knows those names only once that snippet has been
 * evaluated, so a type error (an unknown name, a wrong argument) in snippet 2 is found when snippet 2 is
 * compiled, after snippet 1 ran, and the cell ends there with snippet 1's effects kept. A cell with line
 * magics is checked the same way, all its Java parts before the first part or magic runs. JShell's own
 * {@code sourceToSnippets} cannot stand in for the parser: it attributes statements on trial, so it would
 * reject snippet 2 for a name snippet 1 is about to declare.
 *
 * <p>Errors: a compile error is named {@value JShellEngine#COMPILE_ERROR} and shows, per error, the cell line,
 * a caret under the spot and the message ({@link CompileErrors}); an exception is named by its class's simple
 * name and shows a traceback in cell terms ({@link Tracebacks}).
 *
 * <p>Used on the engine's thread that holds JShell for the cell; not safe for use by several threads.
 */
final class CellRun {

    private final JShell js;
    private final FocusedCompilation focus;
    private final RecordingExecutionControl control;
    private final SnippetOrigins origins;
    private final Cell cell;
    private final boolean silent;

    /**
     * @param focus  evaluates the session's snippets
     * @param silent whether the cell's value is left unshown
     */
    CellRun(JShell js, FocusedCompilation focus, RecordingExecutionControl control, SnippetOrigins origins, Cell cell,
            boolean silent) {
        this.js = js;
        this.focus = focus;
        this.control = control;
        this.origins = origins;
        this.cell = cell;
        this.silent = silent;
    }

    /** Runs a whole cell's code. */
    ExecuteOutcome run(String code) {
        return run(code, new LineMap(code), 0);
    }

    /**
     * Runs code that stands in a cell at {@code base} (a part of a magic cell starts later than 0).
     *
     * @param lines the whole cell's text, whose lines errors name
     */
    ExecuteOutcome run(String code, LineMap lines, int base) {
        List<Snippet> temporaries = new ArrayList<>();
        try {
            return evaluate(code, lines, base, temporaries);
        } finally {
            // JShell keeps a $N variable for every expression and attributes the type of every variable again
            // in each later compilation, so a long notebook would get slower with every expression cell. The
            // reader never sees these names (the result is shown by value): once shown, they go.
            temporaries.forEach(focus::drop);
        }
    }

    /** Drops a snippet of the session (its dependants are compiled again, as {@link JShell#drop} does). */
    void drop(Snippet snippet) {
        focus.drop(snippet);
    }

    /**
     * Checks the syntax of code that runs later as part of the cell (a magic cell's Java between its magics);
     * runs nothing.
     *
     * @return the compile error outcome of its first syntax error, or {@code null} if there is none
     */
    ExecuteOutcome syntaxError(String code, LineMap lines, int base) {
        return syntaxError(pieces(code, base), 0, lines);
    }

    private List<Piece> pieces(String code, int base) {
        List<Piece> pieces = new ArrayList<>();
        for (Piece p : Piece.split(js.sourceCodeAnalysis(), code)) {
            pieces.add(base == 0 ? p : new Piece(p.source(), p.start() + base, p.completeness()));
        }
        return pieces;
    }

    private ExecuteOutcome evaluate(String code, LineMap lines, int base, List<Snippet> temporaries) {
        List<Piece> pieces = pieces(code, base);
        // The first snippet is not read twice: JShell rejects a syntax error in it before running anything.
        ExecuteOutcome syntaxError = syntaxError(pieces, 1, lines);
        if (syntaxError != null) return syntaxError;
        Object value = null;
        boolean hasValue = false;
        for (int i = 0; i < pieces.size(); i++) {
            if (cell.interrupted()) return interrupted();
            Piece piece = pieces.get(i);
            control.takeLastValue();
            List<SnippetEvent> events = focus.eval(piece.source());
            if (cell.interrupted()) return interrupted();
            SnippetEvent main = null;
            for (SnippetEvent e : events) {
                noteCompiled(e);
                String takenBack = ImportShadowing.apply(js, focus, e.snippet());
                if (takenBack != null) return compileError(lines, piece, takenBack);
                if (e.causeSnippet() != null) continue;
                if (e.snippet().subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) temporaries.add(e.snippet());
                if (main == null) main = e;
                ExecuteOutcome failed = failure(e, piece, lines);
                if (failed != null) return failed;
                origins.record(e.snippet(), cell.number(), lines, piece.start());
                noteUnresolved(e);
            }
            hasValue = i == pieces.size() - 1 && main != null && piece.endsWithoutSemicolon() && showsValue(main.snippet());
            if (hasValue) value = control.takeLastValue();
        }
        // display(x) as a cell's last line shows x once, not x and then its handle (IPython's display()
        // returns None for the same reason).
        if (!hasValue || silent || value instanceof DisplayHandle) return ExecuteOutcome.ok(null);
        return render(value);
    }

    /** The syntax error of the first snippet from {@code from} on whose syntax is broken, or null. */
    private static ExecuteOutcome syntaxError(List<Piece> pieces, int from, LineMap lines) {
        if (pieces.size() <= from) return null;
        List<Piece> checked = pieces.subList(from, pieces.size());
        List<SyntaxCheck.SyntaxError> errors = SyntaxCheck.errors(checked.stream().map(CellRun::asTyped).toList());
        for (int i = 0; i < errors.size(); i++) {
            SyntaxCheck.SyntaxError e = errors.get(i);
            if (e != null) return ExecuteOutcome.error(JShellEngine.COMPILE_ERROR, e.message(),
                    CompileErrors.format(lines, checked.get(i), e));
        }
        return null;
    }

    /**
     * The snippet as JShell compiles it: a final expression or declaration typed without its semicolon gets one
     * (on a line of its own, in case the text ends in a line comment; after a block it is an empty statement).
     */
    private static String asTyped(Piece p) {
        return Piece.lastCodeChar(p.source()) == ';' ? p.source() : p.source() + "\n;";
    }

    /**
     * @return the outcome of a snippet that failed to compile or threw, or {@code null} if it did neither
     */
    ExecuteOutcome failure(SnippetEvent e, Piece piece, LineMap lines) {
        if (e.status() == Snippet.Status.REJECTED) {
            List<Diag> errors = js.diagnostics(e.snippet()).filter(Diag::isError).toList();
            if (errors.isEmpty()) return compileError(lines, piece, "the snippet was rejected");
            return ExecuteOutcome.error(JShellEngine.COMPILE_ERROR, CompileErrors.message(errors.get(0)),
                    CompileErrors.format(lines, piece, errors));
        }
        if (e.exception() != null) {
            // Record first: the trace points into this very snippet.
            origins.record(e.snippet(), cell.number(), lines, piece.start());
            Throwable t = e.exception();
            return ExecuteOutcome.error(Tracebacks.simpleName(t), Tracebacks.message(t),
                    Tracebacks.ofSnippetException(t, origins, cell.number()));
        }
        return null;
    }

    /** A compile error without a position: it names the snippet's first line. */
    private static ExecuteOutcome compileError(LineMap lines, Piece piece, String message) {
        return ExecuteOutcome.error(JShellEngine.COMPILE_ERROR, message,
                List.of("line " + (lines.lineOf(piece.start()) + 1) + ": " + message));
    }

    /**
     * Notes which snippet lines the snippet's new wrapper class holds, for the frames child processes print
     * (a snippet recompiled because something it uses changed gets a new class too).
     */
    private void noteCompiled(SnippetEvent e) {
        Snippet s = e.snippet();
        if (s.kind() == Snippet.Kind.IMPORT || !e.status().isDefined()) return;
        origins.recordCompiled(s, js.sourceCodeAnalysis().wrapper(s));
    }

    private void noteUnresolved(SnippetEvent e) {
        Snippet.Status s = e.status();
        if ((s != Snippet.Status.RECOVERABLE_DEFINED && s != Snippet.Status.RECOVERABLE_NOT_DEFINED)
                || !(e.snippet() instanceof DeclarationSnippet d)) {
            return;
        }
        List<String> missing = js.unresolvedDependencies(d).toList();
        String what = d.kind().name().toLowerCase(Locale.ROOT).replace("type_decl", "type") + " " + d.name();
        String note = missing.isEmpty()
                ? "note: " + what + " was declared, but cannot be used until its errors are fixed\n"
                : "note: " + what + " was declared, but cannot be used until " + String.join(", ", missing)
                + (missing.size() == 1 ? " is" : " are") + " declared\n";
        cell.output().stream("stderr", TextWidth.wrap(note, "", "      "));
    }

    /** Renders a value the way a snippet runs: on the cell's main thread, stoppable. */
    ExecuteOutcome render(Object value) {
        try {
            MimeBundle bundle = (MimeBundle) control.run(() -> Renderers.render(value));
            return ExecuteOutcome.ok(bundle.data());
        } catch (jdk.jshell.spi.ExecutionControl.StoppedException e) {
            return interrupted();
        } catch (Exception e) {
            return ExecuteOutcome.error(Tracebacks.simpleName(e), Tracebacks.message(e),
                    Tracebacks.ofLiveThrowable(e, origins, cell.number()));
        }
    }

    /** Expressions show their value; declarations, assignments and statements do not. */
    static boolean showsValue(Snippet s) {
        return switch (s.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private ExecuteOutcome interrupted() {
        int terminated = cell.terminatedChildren();
        String message = "the cell was interrupted" + (terminated == 0 ? ""
                : "; " + terminated + " child process" + (terminated == 1 ? "" : "es") + " it started terminated");
        List<String> traceback = new ArrayList<>(List.of(JShellEngine.INTERRUPTED + ": " + message));
        if (control.lastRunAbandoned()) {
            traceback.add("(its thread ignored the stop and is left running; restart the kernel to end it)");
        }
        return ExecuteOutcome.error(JShellEngine.INTERRUPTED, message, traceback);
    }
}
