package io.procbook.shell;

import java.util.function.IntConsumer;

/**
 * Walks Java source text the way the compiler sees its structure: comments are skipped and each string, char or
 * text-block literal is reported once, as its opening quote, so brackets or semicolons inside them never count.
 */
final class CodeChars {

    /** Told of each code character: {@code c} spans {@code [start, end)} of the text (a whole literal for a quote). */
    interface Visitor {
        void visit(char c, int start, int end);
    }

    private CodeChars() { }

    /** Calls {@code action} with every non-whitespace code character of {@code code}, in order. */
    static void scan(String code, IntConsumer action) {
        scan(code, (c, start, end) -> action.accept(c));
    }

    /** Calls {@code visitor} with every non-whitespace code character of {@code code} and where it is, in order. */
    static void scan(String code, Visitor visitor) {
        int n = code.length();
        for (int i = 0; i < n; i++) {
            char ch = code.charAt(i);
            char next = i + 1 < n ? code.charAt(i + 1) : 0;
            if (ch == '/' && next == '/') {
                while (i < n && code.charAt(i) != '\n') i++;
            } else if (ch == '/' && next == '*') {
                int end = code.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
            } else if (code.startsWith("\"\"\"", i)) {
                int start = i;
                i += 3;
                while (i < n && !code.startsWith("\"\"\"", i)) {
                    if (code.charAt(i) == '\\') i++; // \""" does not end the block
                    i++;
                }
                i = Math.min(n, i + 3);
                visitor.visit('"', start, i);
                i--;
            } else if (ch == '"' || ch == '\'') {
                int start = i;
                i++;
                while (i < n && code.charAt(i) != ch) {
                    if (code.charAt(i) == '\\') i++;
                    i++;
                }
                visitor.visit(ch, start, Math.min(n, i + 1));
            } else if (!Character.isWhitespace(ch)) {
                visitor.visit(ch, i, i + 1);
            }
        }
    }

    /** Whether every bracket of {@code code} (literals and comments aside) is closed, in order. */
    static boolean balanced(String code) {
        int[] depth = {0};
        boolean[] broken = {false};
        scan(code, c -> {
            if (opens(c)) depth[0]++;
            else if (closes(c) && --depth[0] < 0) broken[0] = true;
        });
        return depth[0] == 0 && !broken[0];
    }

    static boolean opens(int c) {
        return c == '(' || c == '[' || c == '{';
    }

    static boolean closes(int c) {
        return c == ')' || c == ']' || c == '}';
    }
}
