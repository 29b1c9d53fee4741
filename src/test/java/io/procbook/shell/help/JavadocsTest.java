package io.procbook.shell.help;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finding types and members in procbook's shipped sources and a JDK's src.zip, with inherited comments. */
class JavadocsTest {

    @TempDir
    Path dir;

    @Test
    void procbookSourcesShipWithTheClasses() {
        Javadocs docs = new Javadocs(dir.resolve("no-src.zip"));
        TypeDoc pool = docs.type("io.procbook.mp.Pool").orElseThrow(() -> new AssertionError(
                "the build puts the API's sources under " + OwnSources.PREFIX));
        assertTrue(pool.declaration().startsWith("public "), pool.declaration());
        long overloads = java.util.Arrays.stream(io.procbook.mp.Pool.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("map") && java.lang.reflect.Modifier.isPublic(m.getModifiers())).count();
        assertEquals(overloads, Javadocs.find(pool, MemberDoc.Kind.METHOD, "map", null).size(), "every overload of map");
        assertTrue(docs.type("io.procbook.mp.Subprocess.Options").isPresent(), "nested types are found");
        assertTrue(docs.type("io.procbook.mp.internal.pool.ProcessBackend").isEmpty(), "internals are not shipped");
    }

    @Test
    void jdkCommentsComeFromSrcZipAndInheritFromSupertypes() throws Exception {
        Javadocs docs = new Javadocs(FakeJdkSources.write(dir));
        assertTrue(docs.jdk().installed());
        TypeDoc string = docs.type("java.lang.String").orElseThrow();
        MemberDoc length = Javadocs.find(string, MemberDoc.Kind.METHOD, "length", List.of()).get(0);
        PlainTextWriter w = new PlainTextWriter();
        w.comment(docs.complete("java.lang.String", length), 0);
        assertEquals("FAKE: how many chars there are. Counted in UTF-16 code units.\n\nReturns:\n  the count of chars\n",
                w.text(), "{@inheritDoc} and the missing @return come from CharSequence.length()");
        List<MemberDoc> format = Javadocs.find(string, MemberDoc.Kind.METHOD, "format", List.of("Locale", "String", "Object[]"));
        assertEquals("public static String format(java.util.Locale l, String format, Object... args)",
                format.get(0).declaration(), "the overload whose parameters fit comes first");
        assertTrue(docs.packageDoc("java.util").isPresent());
        assertTrue(docs.isJdkType("java.lang.String"));
        assertFalse(docs.isJdkType("io.procbook.mp.Pool"));
    }

    @Test
    void missingJdkSourcesSayHowToInstallThem() throws Exception {
        Javadocs docs = new Javadocs(dir.resolve("src.zip"));
        assertFalse(docs.jdk().installed());
        assertTrue(docs.type("java.lang.String").isEmpty());
        assertTrue(docs.jdk().missingNote().startsWith("The JDK's documentation is not installed (no " + dir.resolve("src.zip")),
                docs.jdk().missingNote());
        // Debian's JDK: lib/src.zip links to the file its -source package installs
        Path link = Files.createSymbolicLink(dir.resolve("linked-src.zip"), dir.resolve("nowhere/src.zip"));
        String note = new Javadocs(link).jdk().missingNote();
        assertTrue(note.endsWith("sudo apt-get install openjdk-" + Runtime.version().feature() + "-source"), note);
    }
}
