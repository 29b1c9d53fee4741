package io.procbook.shell;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completion, inspection and is-complete on JShell's source analysis. Jupyter counts cursor offsets in code
 * points, Java strings in chars: the conversion happens here, at the edge.
 */
final class CodeAnalysis {

    private final SourceCodeAnalysis analysis;

    CodeAnalysis(SourceCodeAnalysis analysis) {
        this.analysis = analysis;
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
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(snippet, snippet.length(), true);
        if (docs.isEmpty() && !snippet.isEmpty() && Character.isJavaIdentifierPart(snippet.charAt(snippet.length() - 1))) {
            // A method name without its parenthesis: JShell documents calls, so ask as if it were one.
            docs = analysis.documentation(snippet + "(", snippet.length() + 1, true);
        }
        if (docs.isEmpty()) return new Engine.Inspection(false, Map.of());
        StringBuilder plain = new StringBuilder();
        StringBuilder markdown = new StringBuilder();
        int shown = 0;
        for (var d : docs) {
            if (shown++ > 0) {
                plain.append('\n');
                markdown.append("\n\n");
            }
            plain.append(d.signature()).append('\n');
            markdown.append("```java\n").append(d.signature()).append("\n```\n");
            String javadoc = d.javadoc();
            boolean withDoc = javadoc != null && !javadoc.isBlank() && (detailLevel > 0 || shown == 1);
            if (withDoc) {
                plain.append(javadoc.strip()).append('\n');
                markdown.append('\n').append(javadoc.strip()).append('\n');
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", plain.toString());
        data.put("text/markdown", markdown.toString());
        return new Engine.Inspection(true, data);
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
