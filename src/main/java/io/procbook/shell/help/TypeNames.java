package io.procbook.shell.help;

import java.util.Set;

/**
 * A parameter type as a short key that a declaration in a source file and a signature printed by JShell
 * agree on: no package, no type arguments, no annotations, varargs as an array. JShell prints
 * {@code java.util.List<String>} where the source says {@code List<String>}; both are {@code List}.
 */
final class TypeNames {

    /** The key of a type variable: it matches any type (a subtype may substitute its own). */
    static final String ANY = "*";

    private TypeNames() { }

    /**
     * @param type          a type as written, e.g. {@code java.util.Map.Entry<K, V>[]}, {@code Object...}
     * @param typeVariables the names of the type variables in scope (they read {@link #ANY})
     * @return its key, e.g. {@code Entry[]}, {@code Object[]}
     */
    static String key(String type, Set<String> typeVariables) {
        String t = withoutTypeArguments(type).replaceAll("@[\\w.$]+(\\([^)]*\\))?", "").replaceAll("\\s+", "");
        t = t.replace("...", "[]");
        int dims = t.indexOf('[');
        String base = dims < 0 ? t : t.substring(0, dims);
        String arrays = dims < 0 ? "" : t.substring(dims);
        base = base.substring(base.lastIndexOf('.') + 1);
        if (typeVariables.contains(base)) base = ANY;
        return base + arrays;
    }

    /** @return whether a declaration's parameter key accepts a signature's */
    static boolean matches(String declared, String printed) {
        if (declared.equals(printed)) return true;
        String declaredBase = declared.replace("[]", "");
        String declaredArrays = declared.substring(declaredBase.length());
        return declaredBase.equals(ANY) && printed.endsWith(declaredArrays);
    }

    /** {@code Map<K, List<V>>.Entry} without everything between angle brackets: {@code Map.Entry}. */
    static String withoutTypeArguments(String type) {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '<') depth++;
            else if (c == '>') depth = Math.max(0, depth - 1);
            else if (depth == 0) sb.append(c);
        }
        return sb.toString();
    }
}
