package io.procbook.mp;

import io.procbook.mp.internal.ClassFile;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.*;

/** The class-file reader that finds what a child's task can reach, method by method. */
class ChildClassFileTest {

    static final class Sample {
        static java.util.concurrent.atomic.AtomicLong counter;
        static int written;
        java.util.List<java.time.Duration>[] arrays;

        String use(java.nio.file.Path p) {
            return java.util.Objects.toString(p) + Thread.currentThread().getName() + counter;
        }

        void write() {
            written = 3;
        }

        Runnable lambda() {
            return () -> System.out.println(counter);
        }

        int branches(int k) {
            int r;
            switch (k) {            // a tableswitch: its operands are aligned, so its length depends on where it is
                case 1 -> r = 10;
                case 2 -> r = 20;
                case 3 -> r = 30;
                default -> r = 0;
            }
            switch (k) {            // a lookupswitch
                case 100 -> r++;
                case 10_000 -> r--;
                default -> r += 2;
            }
            return r + java.util.UUID.randomUUID().hashCode();
        }
    }

    private static ClassFile read(Class<?> c) throws Exception {
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = c.getResourceAsStream(file)) {
            return ClassFile.parse(in.readAllBytes());
        }
    }

    private static ClassFile.Member counter() {
        return new ClassFile.Member(Sample.class.getName(), "counter", "Ljava/util/concurrent/atomic/AtomicLong;");
    }

    @Test
    void findsWhatEachMethodNames() throws Exception {
        ClassFile cf = read(Sample.class);
        assertEquals(Sample.class.getName(), cf.name());
        assertTrue(cf.nested());
        assertFalse(read(ChildClassFileTest.class).nested());
        assertTrue(cf.declaresStaticField("counter"));
        assertFalse(cf.declaresStaticField("arrays"));

        ClassFile.Code use = cf.method("use", "(Ljava/nio/file/Path;)Ljava/lang/String;");
        for (String expected : new String[] {"java.util.Objects", "java.lang.Thread", "java.nio.file.Path",
                "java.util.concurrent.atomic.AtomicLong"}) {
            assertTrue(use.classes().contains(expected), expected + " in " + use.classes());
        }
        assertTrue(use.classes().stream().noneMatch(r -> r.contains("/") || r.startsWith("[")), use.classes().toString());
        assertEquals(java.util.Set.of(counter()), use.reads());
        assertEquals(java.util.Set.of(), use.writes());

        ClassFile.Code write = cf.method("write", "()V");
        assertEquals(java.util.Set.of(new ClassFile.Member(Sample.class.getName(), "written", "I")), write.writes());
        assertEquals(java.util.Set.of(), write.reads());
    }

    @Test
    void aLambdasBodyIsReachedThroughItsBootstrapMethodHandle() throws Exception {
        ClassFile cf = read(Sample.class);
        ClassFile.Code lambda = cf.method("lambda", "()Ljava/lang/Runnable;");
        assertTrue(lambda.reads().isEmpty(), "the method that makes the lambda reads nothing itself");
        ClassFile.Member body = lambda.calls().stream()
                .filter(m -> m.owner().equals(Sample.class.getName()) && m.name().startsWith("lambda$"))
                .findFirst().orElseThrow(() -> new AssertionError("no lambda body in " + lambda.calls()));
        assertTrue(cf.method(body.name(), body.descriptor()).reads().contains(counter()));
    }

    @Test
    void decodesEveryMethodToItsEnd() throws Exception {
        ClassFile.Code branches = read(Sample.class).method("branches", "(I)I");
        assertTrue(branches.classes().contains("java.util.UUID"), branches.classes().toString());
        assertEquals(2, StreamSupport.stream(read(Sample.class).methods().spliterator(), false)
                .filter(c -> c.reads().contains(counter())).count(), "use() and the lambda body read counter");
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThrows(IllegalArgumentException.class, () -> ClassFile.parse(new byte[] {1, 2, 3, 4}));
        assertThrows(IllegalArgumentException.class, () -> ClassFile.parse(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ClassFile.parse(new byte[] {(byte) 0xCA, (byte) 0xFE,
                (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 0, 3, 99}));
    }
}
