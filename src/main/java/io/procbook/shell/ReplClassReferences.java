package io.procbook.shell;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The classes of JShell's {@code REPL} package that a class file names: whatever javac may have to read when
 * it reads that class (the types of its fields and methods, its supertypes, its nested and enclosing classes).
 * They are found in the constant pool's UTF-8 entries, where class names, descriptors and generic signatures
 * all live, as {@code REPL/} followed by a class name. A string constant that happens to look like one counts
 * too: more classes than needed is harmless, fewer is not.
 */
final class ReplClassReferences {

    private static final byte[] PREFIX = "REPL/".getBytes(StandardCharsets.US_ASCII);
    /** Characters that end a binary class name inside a descriptor or signature. */
    private static final String NAME_ENDS = ";<>[/.:()";

    private ReplClassReferences() { }

    /**
     * @return the binary names ({@code REPL.$JShell$12$Point}) of the REPL classes the class file names
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    static Set<String> of(byte[] classFile) {
        if (classFile.length < 10 || u4(classFile, 0) != 0xCAFEBABE) {
            throw new IllegalArgumentException("not a class file");
        }
        Set<String> names = new HashSet<>();
        int count = u2(classFile, 8);
        int p = 10;
        for (int i = 1; i < count; i++) {
            if (p >= classFile.length) throw new IllegalArgumentException("truncated constant pool");
            int tag = classFile[p] & 0xff;
            switch (tag) {
                case 1 -> { // Utf8
                    int length = u2(classFile, p + 1);
                    collect(classFile, p + 3, p + 3 + length, names);
                    p += 3 + length;
                }
                case 7, 8, 16, 19, 20 -> p += 3; // Class, String, MethodType, Module, Package
                case 15 -> p += 4; // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> p += 5; // Integer, Float, refs, NameAndType, (Invoke)Dynamic
                case 5, 6 -> { // Long, Double take two entries
                    p += 9;
                    i++;
                }
                default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        return names;
    }

    private static void collect(byte[] b, int from, int to, Set<String> into) {
        for (int i = from; i + PREFIX.length <= to; i++) {
            if (!startsWithPrefix(b, i)) continue;
            int start = i + PREFIX.length;
            int end = start;
            while (end < to && NAME_ENDS.indexOf(b[end]) < 0) end++;
            if (end > start) into.add("REPL." + modifiedUtf8(b, start, end));
            i = end - 1;
        }
    }

    /**
     * Decodes class-file ("modified") UTF-8, in which a character outside the BMP is two 3-byte surrogates and
     * NUL is two bytes; standard UTF-8 decoding would garble both.
     */
    private static String modifiedUtf8(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                s.append((char) c);
                i++;
            } else if ((c & 0xe0) == 0xc0 && i + 1 < to) {
                s.append((char) (((c & 0x1f) << 6) | (b[i + 1] & 0x3f)));
                i += 2;
            } else if ((c & 0xf0) == 0xe0 && i + 2 < to) {
                s.append((char) (((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f)));
                i += 3;
            } else {
                throw new IllegalArgumentException("malformed class file string");
            }
        }
        return s.toString();
    }

    private static boolean startsWithPrefix(byte[] b, int at) {
        for (int k = 0; k < PREFIX.length; k++) {
            if (b[at + k] != PREFIX[k]) return false;
        }
        return true;
    }

    private static int u2(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u4(byte[] b, int p) {
        return (u2(b, p) << 16) | u2(b, p + 2);
    }
}
