package io.procbook.shell;

import org.junit.jupiter.api.Test;

import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplClassReferencesTest {

    @Test
    void findsTheReplClassesOfDescriptorsSignaturesAndNestedClasses() throws Exception {
        Map<String, byte[]> classes = compile("""
                package REPL;
                class $JShell$1 {
                    static $JShell$2.Point origin;
                    static java.util.List<$JShell$3.Ünïcode> all() { return null; }
                    static $JShell$3.𝔸lpha outside() { return null; } // a letter outside the BMP: two surrogates
                    static long big = 1L << 40; // a two-slot constant before the names
                    record Inner(int x) { }
                }
                class $JShell$2 { record Point(int x) { } }
                class $JShell$3 { interface Ünïcode { } interface 𝔸lpha { } }
                """);
        Set<String> refs = ReplClassReferences.of(classes.get("REPL.$JShell$1"));
        assertTrue(refs.containsAll(Set.of("REPL.$JShell$1", "REPL.$JShell$1$Inner", "REPL.$JShell$2$Point",
                "REPL.$JShell$3$Ünïcode", "REPL.$JShell$3$𝔸lpha")), refs.toString());
        assertTrue(refs.stream().allMatch(n -> n.startsWith("REPL.")), refs.toString());
        assertTrue(ReplClassReferences.of(classes.get("REPL.$JShell$1$Inner")).contains("REPL.$JShell$1"),
                "a nested class names its enclosing class");
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThrows(IllegalArgumentException.class, () -> ReplClassReferences.of(new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> ReplClassReferences.of(
                new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 5, 99}));
    }

    @Test
    void identifiersAreReadAsTheyStandAndAsJavacReadsThem() {
        Set<String> words = JavaIdentifiers.of("int \\u0061bc = Ünï + x1;");
        assertTrue(words.containsAll(Set.of("abc", "u0061bc", "Ünï", "x1")), words.toString());
        assertEquals("A", JavaIdentifiers.translateEscapes("\\uuu0041"));
        assertEquals("\\\\u0041", JavaIdentifiers.translateEscapes("\\\\u0041"), "an escaped backslash starts nothing");
        assertEquals("\\\\A", JavaIdentifiers.translateEscapes("\\\\\\u0041"));
        assertEquals("\\u00G1", JavaIdentifiers.translateEscapes("\\u00G1"), "not hex: left as it is");
    }

    private static Map<String, byte[]> compile(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, ByteArrayOutputStream> out = new HashMap<>();
        JavaFileManager files = new ForwardingJavaFileManager<>(javac.getStandardFileManager(null, null, null)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location l, String name, JavaFileObject.Kind k, FileObject s) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name + ".class"), k) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name, n -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        URI uri = URI.create("mem:///REPL/Source.java");
        JavaFileObject unit = new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-proc:none", "-encoding", "UTF-8");
        assertTrue(javac.getTask(null, files, null, options, null, List.of(unit)).call());
        Map<String, byte[]> classes = new HashMap<>();
        out.forEach((n, b) -> classes.put(n, b.toByteArray()));
        return classes;
    }
}
