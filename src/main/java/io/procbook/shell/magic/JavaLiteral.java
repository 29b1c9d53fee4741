package io.procbook.shell.magic;

/** Java string literals for text that magics put into generated cell code. */
final class JavaLiteral {

    private JavaLiteral() { }

    /**
     * @param text any text
     * @return a Java string literal whose value is {@code text}; a backslash is doubled, so that no backslash
     *         in the result can start a unicode escape (JLS 3.3)
     */
    static String of(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
