package io.procbook.shell.help;

/** Scanning Java source text with comments, strings and character literals told apart from code. */
final class SourceText {

    private SourceText() { }

    /**
     * @return the position of the first {@code '{'} of code at or after {@code from}, outside parentheses (a
     *         record's header), or -1
     */
    static int openingBrace(String source, int from) {
        int parens = 0;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            int skip = skipNonCode(source, i);
            if (skip > i) {
                i = skip - 1;
            } else if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens = Math.max(0, parens - 1);
            } else if (c == '{' && parens == 0) {
                return i;
            }
        }
        return -1;
    }

    /** @return the text with its comments replaced by a space each */
    static String withoutComments(String text) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int skip = skipNonCode(text, i);
            if (skip > i && c == '/') {
                sb.append(' ');
                i = skip - 1;
            } else if (skip > i) {
                sb.append(text, i, skip);
                i = skip - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** @return the end of the comment or literal starting at {@code i}, or {@code i} if none starts there */
    private static int skipNonCode(String s, int i) {
        char c = s.charAt(i);
        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
        if (c == '/' && next == '/') {
            int nl = s.indexOf('\n', i);
            return nl < 0 ? s.length() : nl;
        }
        if (c == '/' && next == '*') {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? s.length() : end + 2;
        }
        if (c == '"' || c == '\'') {
            if (c == '"' && s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                return end < 0 ? s.length() : end + 3;
            }
            for (int j = i + 1; j < s.length(); j++) {
                char d = s.charAt(j);
                if (d == '\\') j++;
                else if (d == c || d == '\n') return j + 1;
            }
            return s.length();
        }
        return i;
    }
}
