package io.procbook.shell.help;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A tiny {@code src.zip} in the JDK's modular layout, so that tests of the JDK's documentation run the same
 * whether or not the JDK they run on has its sources installed. Its comments say FAKE, so a test can tell
 * them from the real ones.
 */
public final class FakeJdkSources {

    public static final Map<String, String> FILES = Map.of(
            "java.base/java/lang/CharSequence.java", """
                    package java.lang;
                    /** FAKE: a readable sequence of char values. */
                    public interface CharSequence {
                        /**
                         * FAKE: how many chars there are.
                         *
                         * @return the count of chars
                         */
                        int length();
                    }
                    """,
            "java.base/java/lang/String.java", """
                    package java.lang;
                    /**
                     * FAKE: the string class. Strings are <em>constant</em>.
                     *
                     * @see StringBuilder
                     */
                    public final class String implements CharSequence {
                        /** FAKE: an empty string. */
                        public String() { }
                        /** {@inheritDoc} Counted in UTF-16 code units. */
                        public int length() { return 0; }
                        /**
                         * FAKE: formats.
                         *
                         * @param format the format
                         * @param args   its arguments
                         * @return the text
                         * @throws java.util.IllegalFormatException if the format is wrong
                         */
                        public static String format(String format, Object... args) { return null; }
                        /**
                         * FAKE: formats in a locale.
                         * @param l the locale
                         * @param format the format
                         * @param args its arguments
                         * @return the text
                         */
                        public static String format(java.util.Locale l, String format, Object... args) { return null; }
                    }
                    """,
            "java.base/java/util/package-info.java", """
                    /** FAKE: the collections framework and more. */
                    package java.util;
                    """,
            "java.base/module-info.java", "module java.base { }\n");

    private FakeJdkSources() { }

    /** @return a new src.zip in {@code dir} */
    public static Path write(Path dir) throws IOException {
        Path zip = dir.resolve("src.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (var e : FILES.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
