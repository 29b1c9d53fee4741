package io.procbook.shell;

import java.util.function.IntConsumer;

/**
 * Walks Java source text the way the compiler sees its structure: comments are skipped and each string, char or
 * text-block literal is reported once, as its opening quote, so brackets or semicolons inside them never count.
 */
final class CodeChars {

    private CodeChars() { }

    /** Calls {@code action} with every non-whitespace code character of {@code code}, in order. */
    static void scan(String code, IntConsumer action) {
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
                int end = code.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 2;
                action.accept('"');
            } else if (ch == '"' || ch == '\'') {
                i++;
                while (i < n && code.charAt(i) != ch) {
                    if (code.charAt(i) == '\\') i++;
                    i++;
                }
                action.accept(ch);
            } else if (!Character.isWhitespace(ch)) {
                action.accept(ch);
            }
        }
    }
}
