package io.procbook.shell.help;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shapes of JShell's documentation signatures, as JShell 17 and 25 print them. */
class SignatureTest {

    private static void assertSignature(Signature.Kind kind, String owner, String name, List<String> params, String text) {
        Signature s = Signature.parse(text);
        assertEquals(kind, s.kind(), text);
        assertEquals(owner, s.owner(), text);
        assertEquals(name, s.name(), text);
        assertEquals(params, s.paramTypes(), text);
    }

    @Test
    void types() {
        assertSignature(Signature.Kind.TYPE, "", "io.procbook.mp.Pool", List.of(), "io.procbook.mp.Pool");
        assertSignature(Signature.Kind.TYPE, "", "java.util.List", List.of(), "java.util.List<E>");
        assertSignature(Signature.Kind.TYPE, "", "java.util.concurrent.TimeUnit.SECONDS", List.of(),
                "java.util.concurrent.TimeUnit.SECONDS");
    }

    @Test
    void methods() {
        assertSignature(Signature.Kind.METHOD, "Pool", "map", List.of("Fn", "Iterable", "int"),
                "java.util.List<R> Pool.<T, R>map(Fn<T,R> fn, Iterable<? extends T> items, int chunksize)");
        assertSignature(Signature.Kind.METHOD, "java.util.List", "of", List.of("E[]"),
                "java.util.List<E> java.util.List<E>.<E>of(E... elements)");
        assertSignature(Signature.Kind.METHOD, "java.util.Map.Entry", "comparingByKey", List.of("Comparator"),
                "java.util.Comparator<java.util.Map.Entry<K,V>> java.util.Map.Entry<K, V>.<K, V>comparingByKey("
                        + "java.util.Comparator<? super K> cmp)");
        assertSignature(Signature.Kind.METHOD, "String", "format", List.of("Locale", "String", "Object[]"),
                "String String.format(java.util.Locale l, String format, Object... args)");
        assertSignature(Signature.Kind.METHOD, "Thread", "sleep", List.of("long"),
                "void Thread.sleep(long millis) throws InterruptedException");
        assertSignature(Signature.Kind.METHOD, "Subprocess", "run", List.of("List"),
                "CompletedProcess Subprocess.run(java.util.List<String>)");
        assertSignature(Signature.Kind.METHOD, "", "hello", List.of("String"), "String hello(String who)");
        assertSignature(Signature.Kind.METHOD, "java.io.PrintStream", "println", List.of("char[]"),
                "void java.io.PrintStream.println(char[] x)");
    }

    @Test
    void constructorsAndRecords() {
        assertSignature(Signature.Kind.CONSTRUCTOR, "Pool", MemberDoc.CONSTRUCTOR_NAME, List.of("int", "Task"),
                "Pool(int processes, Task initializer)");
        assertSignature(Signature.Kind.CONSTRUCTOR, "Box", MemberDoc.CONSTRUCTOR_NAME, List.of("T"), "<T> Box(T value)");
        // Java 25 prints a record type with its components: read as a constructor of its canonical name
        assertSignature(Signature.Kind.CONSTRUCTOR, "io.procbook.mp.CompletedProcess", MemberDoc.CONSTRUCTOR_NAME,
                List.of("List", "int", "byte[]", "byte[]"), "io.procbook.mp.CompletedProcess(java.util.List<"
                        + "java.lang.String> args, int returncode, byte[] stdoutBytes, byte[] stderrBytes)");
    }

    @Test
    void fieldsAndVariables() {
        assertSignature(Signature.Kind.FIELD, "System", "out", List.of(), "System.out:java.io.PrintStream");
        assertSignature(Signature.Kind.FIELD, "", "x", List.of(), "x:int");
        assertSignature(Signature.Kind.FIELD, "", "m", List.of(), "m:java.util.Map<String,java.util.List<Integer>>");
    }
}
