package io.procbook.shell;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

import java.util.ArrayList;
import java.util.List;

/**
 * One snippet of a cell, as JShell's analysis splits it ({@code JShell.eval} takes one snippet at a time), with
 * {@link FirstSnippet} standing in where that analysis fails.
 *
 * @param source       the text to evaluate (JShell adds the {@code ;} a final expression may lack)
 * @param start        where the snippet starts in the cell; offset {@code p} of {@code source} is {@code start + p}
 * @param completeness JShell's verdict; anything not complete is evaluated anyway to get its diagnostics
 */
record Piece(String source, int start, Completeness completeness) {

    /**
     * @return {@code true} if the snippet's code does not end with a semicolon the user typed (comments after
     *         it aside): a final expression like that shows its value
     */
    boolean endsWithoutSemicolon() {
        return completeness == Completeness.COMPLETE_WITH_SEMI || lastCodeChar(source) != ';';
    }

    /** The last character of the code that is not whitespace or in a comment ({@code 0} if none). */
    static char lastCodeChar(String code) {
        int[] last = {0};
        CodeChars.scan(code, c -> last[0] = c);
        return (char) last[0];
    }

    /**
     * Splits a cell into snippets; whitespace and comments between and after them are dropped.
     */
    static List<Piece> split(SourceCodeAnalysis analysis, String cell) {
        List<Piece> pieces = new ArrayList<>();
        String rest = cell;
        int offset = 0;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = FirstSnippet.of(analysis, rest);
            Completeness c = info.completeness();
            if (c == Completeness.EMPTY) break;
            if (!c.isComplete()) {
                String trimmed = rest.stripLeading();
                pieces.add(new Piece(trimmed, offset + rest.length() - trimmed.length(), c));
                break;
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0) {
                pieces.add(new Piece(rest, offset, Completeness.UNKNOWN));
                break;
            }
            // JShell numbers a snippet's lines from its first non-blank character.
            String source = info.source();
            String trimmed = source.stripLeading();
            pieces.add(new Piece(trimmed, offset + source.length() - trimmed.length(), c));
            offset += consumed;
            rest = info.remaining();
        }
        return pieces;
    }

    /**
     * @return where the snippet that {@code prefix} ends in starts (for completion: JShell analyses one snippet)
     */
    static int currentStart(SourceCodeAnalysis analysis, String prefix) {
        int offset = 0;
        String rest = prefix;
        while (!rest.isEmpty()) {
            SourceCodeAnalysis.CompletionInfo info = FirstSnippet.of(analysis, rest);
            String remaining = info.remaining();
            if (!info.completeness().isComplete() || remaining.isEmpty() || remaining.length() >= rest.length()) break;
            offset += rest.length() - remaining.length();
            rest = remaining;
        }
        return offset;
    }
}
