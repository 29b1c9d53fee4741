package io.procbook.shell;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the first snippet of a text ends: {@link SourceCodeAnalysis#analyzeCompletion}, checked, and javac's
 * parser where that analysis fails.
 *
 * <p>JShell's analysis is a hand-written token scanner, and JDK 17's has holes: a switch arm that throws
 * ({@code default -> throw new X();}) or a {@code non-sealed} class makes it answer "unknown" for the whole rest
 * of the cell, which JShell then compiles as one snippet (only its first declaration counts; the rest fails with
 * "&lt;identifier&gt; expected" or is silently lost). So an "unknown", or a "complete" snippet whose brackets do not
 * pair up, is checked by cutting the text after each top-level {@code ;} or {@code }} in turn and asking the
 * compiler's parser ({@link SyntaxCheck}) whether that much is whole snippets: the first cut that is becomes the
 * snippet. A cut before {@code else}, {@code catch} or {@code finally} is never taken (the statement goes on).
 * Text that no cut makes whole keeps JShell's answer, so its error is reported as JShell reports it.
 */
final class FirstSnippet {

    private static final List<String> CONTINUATIONS = List.of("else", "catch", "finally");
    /**
     * Cuts tried before giving up. One snippet holds few top-level {@code ;} or {@code }} (a declaration with an
     * anonymous class or a switch in its initializer has two, as has do-while), and text with a real syntax error
     * fails at every cut, each a parse of the text so far (is_complete asks on every Enter in a console).
     */
    private static final int MAX_CUTS = 12;

    private FirstSnippet() { }

    /** @return the first snippet of {@code text}, as {@link SourceCodeAnalysis#analyzeCompletion} would answer */
    static CompletionInfo of(SourceCodeAnalysis analysis, String text) {
        CompletionInfo info = analysis.analyzeCompletion(text);
        Completeness c = info.completeness();
        boolean suspect = c == Completeness.UNKNOWN || (c.isComplete() && !CodeChars.balanced(info.source()));
        if (!suspect) return info;
        CompletionInfo parsed = byParser(text);
        return parsed != null ? parsed : info;
    }

    private record Parsed(Completeness completeness, String source, String remaining) implements CompletionInfo { }

    /** One code character of the text (a literal counts as one), from {@code start} to {@code end}. */
    private record Token(char c, int start, int end) { }

    private static CompletionInfo byParser(String text) {
        List<Token> tokens = new ArrayList<>();
        CodeChars.scan(text, (c, start, end) -> tokens.add(new Token(c, start, end)));
        List<Parsed> cuts = new ArrayList<>();
        int depth = 0;
        int i = 0;
        for (; i < tokens.size() && cuts.size() < MAX_CUTS; i++) {
            Token t = tokens.get(i);
            if (CodeChars.opens(t.c())) depth++;
            else if (CodeChars.closes(t.c()) && --depth < 0) return null;
            boolean last = i == tokens.size() - 1;
            if (depth != 0 || !(t.c() == ';' || t.c() == '}' || last)) continue;
            if (!last && continues(text, tokens.get(i + 1))) continue;
            String prefix = text.substring(0, t.end());
            String rest = text.substring(t.end());
            cuts.add(new Parsed(Completeness.COMPLETE, prefix, rest));
            // A final declaration or expression may leave out its semicolon, as JShell allows.
            if (last && t.c() != ';') cuts.add(new Parsed(Completeness.COMPLETE_WITH_SEMI, prefix + ";", rest));
        }
        int first = SyntaxCheck.firstThatParses(cuts.stream().map(Parsed::source).toList());
        if (first >= 0) return cuts.get(first);
        // Unclosed brackets at the end: more is to come (a console offers another line).
        return i == tokens.size() && depth > 0 ? new Parsed(Completeness.DEFINITELY_INCOMPLETE, text, "") : null;
    }

    /** Whether {@code next} starts a word that continues the statement before it. */
    private static boolean continues(String text, Token next) {
        for (String word : CONTINUATIONS) {
            int end = next.start() + word.length();
            if (text.startsWith(word, next.start()) && (end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end)))) {
                return true;
            }
        }
        return false;
    }
}
