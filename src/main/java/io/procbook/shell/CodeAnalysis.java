package io.procbook.shell;

import io.procbook.shell.api.Engine;
import io.procbook.shell.help.Inspector;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completion, inspection and is-complete on JShell's source analysis. Jupyter counts cursor offsets in code
 * points, Java strings in chars: the conversion happens here, at the edge. What inspection shows is the
 * {@link Inspector}'s.
 */
final class CodeAnalysis {

    private final SourceCodeAnalysis analysis;
    private final Inspector inspector;

    CodeAnalysis(SourceCodeAnalysis analysis, Inspector inspector) {
        this.analysis = analysis;
        this.inspector = inspector;
    }

    Engine.Completion complete(String code, int cursorCodePoints) {
        int cursor = charOffset(code, cursorCodePoints);
        String prefix = code.substring(0, cursor);
        int base = Piece.currentStart(analysis, prefix);
        String snippet = prefix.substring(base);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(snippet, snippet.length(), anchor);
        // Candidates that fit the expected type first, as jshell lists them; each continuation once.
        Set<String> matches = new LinkedHashSet<>();
        for (var s : suggestions) if (s.matchesType()) matches.add(s.continuation());
        for (var s : suggestions) matches.add(s.continuation());
        int start = suggestions.isEmpty() ? cursor : base + anchor[0];
        return new Engine.Completion(new ArrayList<>(matches), code.codePointCount(0, start),
                code.codePointCount(0, cursor), Map.of());
    }

    Engine.Inspection inspect(String code, int cursorCodePoints, int detailLevel) {
        int cursor = charOffset(code, cursorCodePoints);
        // JShell documents the name that ends at the cursor: move to the end of the word under it.
        while (cursor < code.length() && Character.isJavaIdentifierPart(code.charAt(cursor))) cursor++;
        String prefix = code.substring(0, cursor);
        String snippet = prefix.substring(Piece.currentStart(analysis, prefix));
        return inspector.inspect(snippet, detailLevel).inspection();
    }

    /** {@code NAME?}: NAME's page, or why there is none. */
    Inspector.Answer help(String target, int detailLevel) {
        return inspector.help(target, detailLevel);
    }

    Engine.Completeness isComplete(String code) {
        String rest = code;
        while (true) {
            if (rest.isBlank()) return new Engine.Completeness("complete", "");
            SourceCodeAnalysis.CompletionInfo info = FirstSnippet.of(analysis, rest);
            Completeness c = info.completeness();
            switch (c) {
                case EMPTY:
                    return new Engine.Completeness("complete", "");
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (info.remaining().isBlank() || info.remaining().length() >= rest.length()) {
                        return new Engine.Completeness("complete", "");
                    }
                    rest = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return new Engine.Completeness("incomplete", "    ".repeat(Math.max(1, openBrackets(rest))));
                default:
                    return new Engine.Completeness("invalid", "");
            }
        }
    }

    /** How deeply the code's brackets are open, strings and comments aside: the indent of the next line. */
    static int openBrackets(String code) {
        int[] depth = {0};
        CodeChars.scan(code, c -> {
            if (CodeChars.opens(c)) depth[0]++;
            else if (CodeChars.closes(c)) depth[0] = Math.max(0, depth[0] - 1);
        });
        return depth[0];
    }

    /** @return the char offset of a code-point offset, clamped to the code */
    static int charOffset(String code, int codePoints) {
        int cp = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, cp);
    }
}
