package io.procbook.shell.help;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one of JShell's documentation signatures names. JShell prints them as the element's header
 * ({@code SourceCodeAnalysisImpl.elementHeader}), in these shapes:
 * <pre>
 *   io.procbook.mp.Pool                                   a type (canonical name; Java 25 adds a record's
 *                                                         components in parentheses)
 *   java.util.List&lt;E&gt;.&lt;E&gt;of(E e1, E e2)                  a method: return type, owner, name, parameters
 *   void Process.start()                                  (the owner as the session's imports name it)
 *   Pool(int processes)                                   a constructor
 *   System.out:java.io.PrintStream    x:int               a field; a cell's variable has no owner
 *   java.util.concurrent.TimeUnit.SECONDS                 an enum constant (read like a type)
 * </pre>
 *
 * @param kind       what the text names
 * @param owner      the type that declares it as printed ({@code ""} for a cell's own method or variable,
 *                   and for a type)
 * @param name       the member's name ({@code <init>} for a constructor), or a type's name without type arguments
 * @param paramTypes the parameter types as {@link TypeNames#key} writes them; empty unless a method or constructor
 * @param text       the signature as JShell printed it
 */
record Signature(Kind kind, String owner, String name, List<String> paramTypes, String text) {

    enum Kind { TYPE, METHOD, CONSTRUCTOR, FIELD }

    Signature {
        paramTypes = List.copyOf(paramTypes);
    }

    static Signature parse(String text) {
        String s = text.strip();
        int colon = topLevel(s, ':');
        int paren = topLevel(s, '(');
        if (colon >= 0 && (paren < 0 || colon < paren)) {
            String left = TypeNames.withoutTypeArguments(s.substring(0, colon)).strip();
            int dot = left.lastIndexOf('.');
            return new Signature(Kind.FIELD, dot < 0 ? "" : left.substring(0, dot), left.substring(dot + 1), List.of(), s);
        }
        if (paren < 0) return new Signature(Kind.TYPE, "", TypeNames.withoutTypeArguments(s).strip(), List.of(), s);
        String head = TypeNames.withoutTypeArguments(s.substring(0, paren)).strip();
        List<String> params = parameterTypes(s.substring(paren + 1, closing(s, paren)));
        int space = head.lastIndexOf(' ');
        if (space < 0) return new Signature(Kind.CONSTRUCTOR, head, MemberDoc.CONSTRUCTOR_NAME, params, s);
        String qualified = head.substring(space + 1);
        int dot = qualified.lastIndexOf('.');
        String owner = dot < 0 ? "" : qualified.substring(0, dot);
        while (owner.endsWith(".")) owner = owner.substring(0, owner.length() - 1); // List<E>.<E>of: "List..of"
        return new Signature(Kind.METHOD, owner, qualified.substring(dot + 1), params, s);
    }

    private static List<String> parameterTypes(String list) {
        List<String> types = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (c == ',' && depth == 0) {
                String param = list.substring(start, i).strip();
                if (!param.isEmpty()) types.add(TypeNames.key(withoutName(param), Set.of()));
                start = i + 1;
            }
        }
        return types;
    }

    /** {@code Iterable<? extends T> items} is the type {@code Iterable<? extends T>}; a bare type stays. */
    private static String withoutName(String param) {
        int space = topLevelLast(param, ' ');
        return space < 0 ? param : param.substring(0, space);
    }

    private static int topLevel(String s, char wanted) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (c == wanted && depth == 0) return i;
        }
        return -1;
    }

    private static int topLevelLast(String s, char wanted) {
        int depth = 0;
        int found = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<') depth++;
            else if (c == '>') depth--;
            else if (c == wanted && depth == 0) found = i;
        }
        return found;
    }

    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '(') depth++;
            else if (s.charAt(i) == ')' && --depth == 0) return i;
        }
        return s.length();
    }
}
