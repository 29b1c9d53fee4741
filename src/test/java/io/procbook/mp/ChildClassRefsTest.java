package io.procbook.mp;

import io.procbook.mp.internal.ClassRefs;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The constant-pool reader that finds which notebook classes a child's task can reach. */
class ChildClassRefsTest {

    static final class Sample {
        static java.util.concurrent.atomic.AtomicLong counter;
        java.util.List<java.time.Duration>[] arrays;

        String use(java.nio.file.Path p) {
            return java.util.Objects.toString(p) + Thread.currentThread().getName() + counter;
        }
    }

    @Test
    void findsClassesOfReferencesDescriptorsAndArrays() throws Exception {
        byte[] bytes;
        try (InputStream in = Sample.class.getResourceAsStream("ChildClassRefsTest$Sample.class")) {
            bytes = in.readAllBytes();
        }
        Set<String> refs = ClassRefs.referencedClasses(bytes);
        for (String expected : new String[] {"java.util.Objects", "java.lang.Thread", "java.nio.file.Path",
                "java.util.concurrent.atomic.AtomicLong", "java.util.List", "io.procbook.mp.ChildClassRefsTest"}) {
            assertTrue(refs.contains(expected), expected + " in " + refs);
        }
        assertFalse(refs.contains("java.time.Duration"), "generic signatures are not descriptors");
        assertTrue(refs.stream().noneMatch(r -> r.contains("/") || r.startsWith("[")), refs.toString());
    }

    @Test
    void rejectsWhatIsNotAClassFile() {
        assertThrows(IllegalArgumentException.class, () -> ClassRefs.referencedClasses(new byte[] {1, 2, 3, 4}));
        assertThrows(IllegalArgumentException.class, () -> ClassRefs.referencedClasses(new byte[0]));
    }
}
