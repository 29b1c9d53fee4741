package io.procbook.mp.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the classes a class file refers to, from its constant pool. The runtime uses it to find which
 * notebook classes (and so which notebook variables) a child's task can reach, without loading anything.
 * A hand-written reader because the JDK's {@code java.lang.classfile} API only exists from JDK 22 on.
 *
 * <p>Every {@code Process.start()} walks the notebook classes its task reaches, and they are mostly the same
 * ones each time; so the answer is remembered per class file (by content: the notebook's class source hands
 * out copies), for the most recently used {@value #CACHED} class files. Thread-safe.
 */
public final class ClassRefs {

    private static final int CACHED = 1024;
    private static final Map<ByteBuffer, Set<String>> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Set<String>> eldest) {
            return size() > CACHED;
        }
    };

    private ClassRefs() { }

    /**
     * @param classFile the bytes of a class file
     * @return the binary names (dots, {@code $} for nesting) of every class named by a CONSTANT_Class entry
     *         or by a type in a descriptor, array element types included
     * @throws IllegalArgumentException if the bytes are not a class file
     */
    public static Set<String> referencedClasses(byte[] classFile) {
        ByteBuffer key = ByteBuffer.wrap(classFile);
        synchronized (CACHE) {
            Set<String> known = CACHE.get(key);
            if (known != null) return known;
        }
        Set<String> refs;
        try {
            refs = Collections.unmodifiableSet(read(classFile));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable class file: " + e, e);
        }
        synchronized (CACHE) {
            // a copy as the key: the caller may reuse its array, which must not change a cached key
            CACHE.put(ByteBuffer.wrap(classFile.clone()), refs);
        }
        return refs;
    }

    private static Set<String> read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) throw new IOException("bad magic");
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        int[] classNameIndex = new int[count];
        int classes = 0;
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7 -> classNameIndex[classes++] = in.readUnsignedShort();
                case 8, 16, 19, 20 -> in.readUnsignedShort();                 // String, MethodType, Module, Package
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();             // ints, floats, refs, NameAndType, dynamic
                case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); } // MethodHandle
                case 5, 6 -> { in.readLong(); i++; }                          // long, double take two slots
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        Set<String> out = new LinkedHashSet<>();
        for (int k = 0; k < classes; k++) {
            String name = utf8[classNameIndex[k]];
            if (name.startsWith("[")) addDescriptorTypes(name, out);
            else out.add(name.replace('/', '.'));
        }
        // Field and method descriptors name classes too (a variable's declared type, a parameter type).
        for (String s : utf8) {
            if (s != null && s.indexOf('L') >= 0 && s.indexOf(';') > 0 && (s.startsWith("(") || s.startsWith("L")
                    || s.startsWith("["))) {
                addDescriptorTypes(s, out);
            }
        }
        return out;
    }

    private static void addDescriptorTypes(String descriptor, Set<String> out) {
        int i = 0;
        while ((i = descriptor.indexOf('L', i)) >= 0) {
            int end = descriptor.indexOf(';', i);
            if (end < 0) return;
            String name = descriptor.substring(i + 1, end);
            // Generic signatures contain '<'; a plain descriptor never does. Skip what is not a clean name.
            if (name.indexOf('<') < 0 && name.indexOf('(') < 0 && !name.isEmpty()) out.add(name.replace('/', '.'));
            i = end + 1;
        }
    }
}
