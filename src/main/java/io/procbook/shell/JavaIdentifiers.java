package io.procbook.shell;

import java.util.HashSet;
import java.util.Set;

/**
 * Every word of a Java text that could be an identifier, as a set: a cheap over-approximation of the names a
 * snippet can refer to (keywords, words in strings and comments count too; a name that is really there is
 * never missed).
 *
 * <p>javac translates unicode escapes ({@code \u0066}) before it reads words, so a text that holds one is read
 * both as it is and as javac reads it (JLS 3.3: a backslash that is itself escaped by a backslash does not
 * start an escape), and the words of both readings count.
 */
final class JavaIdentifiers {

    private JavaIdentifiers() { }

    static Set<String> of(String text) {
        Set<String> words = new HashSet<>();
        addWords(text, words);
        if (text.indexOf("\\u") >= 0) addWords(translateEscapes(text), words);
        return words;
    }

    private static void addWords(String s, Set<String> into) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            int c = s.codePointAt(i);
            if (!Character.isJavaIdentifierStart(c)) {
                i += Character.charCount(c);
                continue;
            }
            int j = i + Character.charCount(c);
            while (j < n) {
                int d = s.codePointAt(j);
                if (!Character.isJavaIdentifierPart(d)) break;
                j += Character.charCount(d);
            }
            into.add(s.substring(i, j));
            i = j;
        }
    }

    /** The text with its unicode escapes replaced by the characters they stand for, as javac reads it. */
    static String translateEscapes(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        int backslashes = 0; // how many backslashes in a row end just before i (not counting translated ones)
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < n && s.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < n && s.charAt(j) == 'u') j++;
                if (j + 4 <= n && isHex(s, j)) {
                    out.append((char) Integer.parseInt(s, j, j + 4, 16));
                    i = j + 4;
                    backslashes = 0;
                    continue;
                }
            }
            backslashes = c == '\\' ? backslashes + 1 : 0;
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from) {
        for (int k = from; k < from + 4; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) return false;
        }
        return true;
    }
}
