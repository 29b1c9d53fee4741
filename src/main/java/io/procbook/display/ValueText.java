package io.procbook.display;

import java.lang.reflect.Array;

/**
 * The plain-text form of a value as JShell users know it: strings quoted and escaped, chars in single quotes,
 * arrays with their element type and length ({@code int[3] { 1, 2, 3 }}), everything else by its toString.
 */
public final class ValueText {

    private ValueText() { }

    /**
     * @param value any value, or null
     * @return its text form
     */
    public static String of(Object value) {
        StringBuilder sb = new StringBuilder();
        append(sb, value);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object value) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) escape(sb, s.charAt(i), '"');
            sb.append('"');
        } else if (value instanceof Character c) {
            sb.append('\'');
            escape(sb, c, '\'');
            sb.append('\'');
        } else if (value.getClass().isArray()) {
            appendArray(sb, value);
        } else {
            sb.append(value);
        }
    }

    private static void appendArray(StringBuilder sb, Object array) {
        int n = Array.getLength(array);
        Class<?> component = array.getClass().getComponentType();
        int dims = 1;
        while (component.isArray()) {
            component = component.getComponentType();
            dims++;
        }
        sb.append(component.getSimpleName()).append('[').append(n).append(']');
        sb.append("[]".repeat(dims - 1)).append(" {");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? " " : ", ");
            append(sb, Array.get(array, i));
        }
        sb.append(n == 0 ? "}" : " }");
    }

    private static void escape(StringBuilder sb, char c, char quote) {
        switch (c) {
            case '\n' -> sb.append("\\n");
            case '\t' -> sb.append("\\t");
            case '\r' -> sb.append("\\r");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\\' -> sb.append("\\\\");
            default -> {
                if (c == quote) sb.append('\\').append(c);
                else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                else sb.append(c);
            }
        }
    }
}
