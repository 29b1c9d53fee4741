package io.procbook.shell;

import jdk.jshell.Diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A snippet's compile errors as the cell's offending line, a caret under the spot, and the message. */
final class CompileErrors {

    /** JShell names the wrapper class as an error's location, and its name is taken out: nothing is left. */
    private static final Pattern EMPTY_LOCATION = Pattern.compile("\\R\\s*location: class\\s*$");

    private CompileErrors() { }

    /**
     * @param lines  the cell's text
     * @param piece  the snippet (diagnostic positions count from its start)
     * @param errors the snippet's error diagnostics
     */
    static List<String> format(LineMap lines, Piece piece, List<Diag> errors) {
        List<String> out = new ArrayList<>();
        for (Diag d : errors) {
            append(out, lines, piece, d.getPosition(), d.getStartPosition(), d.getEndPosition(), message(d));
        }
        return out;
    }

    /** The same for a syntax error found by {@link SyntaxCheck} in the snippet's text. */
    static List<String> format(LineMap lines, Piece piece, SyntaxCheck.SyntaxError error) {
        List<String> out = new ArrayList<>();
        append(out, lines, piece, error.position(), error.start(), error.end(), error.message());
        return out;
    }

    private static void append(List<String> out, LineMap lines, Piece piece, long position, long start, long end,
                               String message) {
        int pos = cellOffset(piece, position);
        int line = lines.lineOf(pos);
        int lineStart = lines.lineStart(line);
        String text = lines.line(line);
        out.add("line " + (line + 1) + ": " + message);
        out.add("    " + text);
        out.add("    " + marker(text, lineStart, pos, cellOffset(piece, start), cellOffset(piece, end)));
    }

    /** @return the diagnostic's message, without the empty location JShell's wrapper leaves */
    static String message(Diag d) {
        return EMPTY_LOCATION.matcher(d.getMessage(Locale.ROOT)).replaceFirst("");
    }

    private static int cellOffset(Piece piece, long snippetPosition) {
        if (snippetPosition < 0) return piece.start();
        // A position in the semicolon JShell added sits just past the user's text.
        return piece.start() + (int) Math.min(snippetPosition, piece.source().length());
    }

    /** A caret under {@code pos} and tildes under the rest of the diagnostic's range on that line. */
    private static String marker(String text, int lineStart, int pos, int start, int end) {
        int caret = Math.min(Math.max(pos - lineStart, 0), text.length());
        int from = Math.max(Math.min(start - lineStart, caret), 0);
        int to = Math.min(Math.max(end - lineStart, caret + 1), text.length());
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.max(to, caret + 1); i++) {
            char under = i < text.length() && text.charAt(i) == '\t' ? '\t' : ' ';
            if (i == caret) sb.append('^');
            else if (i >= from && i < to) sb.append('~');
            else if (i < caret) sb.append(under);
        }
        return sb.toString();
    }
}
