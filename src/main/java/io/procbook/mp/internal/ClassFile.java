package io.procbook.mp.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A class file read just far enough to follow what its code can reach: its name and super types, whether it
 * is nested in another class, the static fields it declares, and for each method what the method's
 * instructions name (classes, methods called, static fields read and written), including the method handles
 * an {@code invokedynamic} is linked with, which is where a lambda's body is. The runtime uses it to find
 * which notebook variables a child's task can actually read (see {@link CodeReach}), without loading
 * anything. A hand-written reader because the JDK's {@code java.lang.classfile} API only exists from JDK 22 on.
 *
 * <p>Every {@code Process.start()} reads the notebook classes its task reaches, and they are mostly the same
 * ones each time; so the reading is remembered per class file (by content: the notebook's class source hands
 * out copies), for the most recently used {@value #CACHED} class files. Instances are immutable; the class
 * is thread-safe.
 */
public final class ClassFile {

    /**
     * A field or method named by an instruction.
     *
     * @param owner      the binary name (dots, {@code $} for nesting) of the class the reference names
     * @param name       the member's name
     * @param descriptor the member's descriptor
     */
    public record Member(String owner, String name, String descriptor) { }

    /**
     * What one method's instructions name.
     *
     * @param classes      every class named: types used, owners of members, types in descriptors
     * @param instantiated classes the code creates instances of ({@code new}, a constructor reference) or
     *                     takes as a {@code Class} constant (which reflection could instantiate)
     * @param calls        methods invoked or referenced by a method handle (a lambda's body among them)
     * @param reads        static fields read
     * @param writes       static fields written
     */
    public record Code(Set<String> classes, Set<String> instantiated, Set<Member> calls, Set<Member> reads,
                       Set<Member> writes) { }

    private static final int CACHED = 1024;
    private static final Map<ByteBuffer, ClassFile> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, ClassFile> eldest) {
            return size() > CACHED;
        }
    };

    /** Instruction lengths by opcode; 0 for the variable-length ones and for opcodes that do not exist. */
    private static final byte[] LENGTH = new byte[256];

    static {
        java.util.Arrays.fill(LENGTH, 0, 0x10, (byte) 1);             // nop .. dconst_1
        LENGTH[0x10] = 2;                                            // bipush
        LENGTH[0x11] = 3;                                            // sipush
        LENGTH[0x12] = 2;                                            // ldc
        LENGTH[0x13] = 3;                                            // ldc_w
        LENGTH[0x14] = 3;                                            // ldc2_w
        java.util.Arrays.fill(LENGTH, 0x15, 0x1a, (byte) 2);         // iload .. aload
        java.util.Arrays.fill(LENGTH, 0x1a, 0x36, (byte) 1);         // iload_0 .. saload
        java.util.Arrays.fill(LENGTH, 0x36, 0x3b, (byte) 2);         // istore .. astore
        java.util.Arrays.fill(LENGTH, 0x3b, 0x84, (byte) 1);         // istore_0 .. lxor
        LENGTH[0x84] = 3;                                            // iinc
        java.util.Arrays.fill(LENGTH, 0x85, 0x99, (byte) 1);         // i2l .. dcmpg
        java.util.Arrays.fill(LENGTH, 0x99, 0xa9, (byte) 3);         // ifeq .. jsr
        LENGTH[0xa9] = 2;                                            // ret
        java.util.Arrays.fill(LENGTH, 0xac, 0xb2, (byte) 1);         // ireturn .. return
        java.util.Arrays.fill(LENGTH, 0xb2, 0xb9, (byte) 3);         // getstatic .. invokestatic
        LENGTH[0xb9] = 5;                                            // invokeinterface
        LENGTH[0xba] = 5;                                            // invokedynamic
        LENGTH[0xbb] = 3;                                            // new
        LENGTH[0xbc] = 2;                                            // newarray
        LENGTH[0xbd] = 3;                                            // anewarray
        LENGTH[0xbe] = 1;                                            // arraylength
        LENGTH[0xbf] = 1;                                            // athrow
        LENGTH[0xc0] = 3;                                            // checkcast
        LENGTH[0xc1] = 3;                                            // instanceof
        LENGTH[0xc2] = 1;                                            // monitorenter
        LENGTH[0xc3] = 1;                                            // monitorexit
        LENGTH[0xc5] = 4;                                            // multianewarray
        LENGTH[0xc6] = 3;                                            // ifnull
        LENGTH[0xc7] = 3;                                            // ifnonnull
        LENGTH[0xc8] = 5;                                            // goto_w
        LENGTH[0xc9] = 5;                                            // jsr_w
    }

    private final String name;
    private final String superName;
    private final List<String> interfaces;
    private final boolean nested;
    private final Set<String> staticFields;
    private final Map<String, Code> methods;

    private ClassFile(String name, String superName, List<String> interfaces, boolean nested,
                      Set<String> staticFields, Map<String, Code> methods) {
        this.name = name;
        this.superName = superName;
        this.interfaces = interfaces;
        this.nested = nested;
        this.staticFields = staticFields;
        this.methods = methods;
    }

    /**
     * @param classFile the bytes of a class file
     * @return what the class file says, as far as this reader follows it
     * @throws IllegalArgumentException if the bytes are not a class file this reader understands
     */
    public static ClassFile parse(byte[] classFile) {
        ByteBuffer key = ByteBuffer.wrap(classFile);
        synchronized (CACHE) {
            ClassFile known = CACHE.get(key);
            if (known != null) return known;
        }
        ClassFile read;
        try {
            read = new Reader(classFile).read();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable class file: " + e, e);
        }
        synchronized (CACHE) {
            // a copy as the key: the caller may reuse its array, which must not change a cached key
            CACHE.put(ByteBuffer.wrap(classFile.clone()), read);
        }
        return read;
    }

    /** @return the class's binary name */
    public String name() {
        return name;
    }

    /** @return the binary name of its superclass, or {@code null} for {@code java.lang.Object} */
    public String superName() {
        return superName;
    }

    /** @return the binary names of the interfaces it implements directly */
    public List<String> interfaces() {
        return interfaces;
    }

    /** @return whether it is a member, local or anonymous class of another class */
    public boolean nested() {
        return nested;
    }

    /** @return whether it declares a static field of that name */
    public boolean declaresStaticField(String field) {
        return staticFields.contains(field);
    }

    /** @return what the method's code names, or {@code null} if the class declares no such method */
    public Code method(String methodName, String descriptor) {
        return methods.get(methodName + descriptor);
    }

    /** @return what each declared method's code names (abstract and native methods name nothing) */
    public Iterable<Code> methods() {
        return methods.values();
    }

    /** One pass over a class file. */
    private static final class Reader {
        private final DataInputStream in;
        private int[] tag;
        private int[] first;
        private int[] second;
        private String[] utf8;
        private int[][] bootstraps = new int[0][];

        Reader(byte[] bytes) {
            in = new DataInputStream(new ByteArrayInputStream(bytes));
        }

        ClassFile read() throws IOException {
            if (in.readInt() != 0xCAFEBABE) throw new IOException("bad magic");
            in.readUnsignedShort();
            in.readUnsignedShort();
            readConstantPool();
            in.readUnsignedShort(); // access flags
            int thisIndex = in.readUnsignedShort();
            String self = className(thisIndex);
            int superIndex = in.readUnsignedShort();
            String sup = superIndex == 0 ? null : className(superIndex);
            List<String> ifaces = new ArrayList<>();
            for (int i = in.readUnsignedShort(); i > 0; i--) ifaces.add(className(in.readUnsignedShort()));
            Set<String> statics = new HashSet<>();
            for (int i = in.readUnsignedShort(); i > 0; i--) {
                int access = in.readUnsignedShort();
                String field = utf8[in.readUnsignedShort()];
                in.readUnsignedShort();
                if ((access & 0x0008) != 0) statics.add(field);
                skipAttributes();
            }
            List<String> keys = new ArrayList<>();
            List<String> descriptors = new ArrayList<>();
            List<byte[]> codes = new ArrayList<>();
            List<int[]> catches = new ArrayList<>();
            for (int i = in.readUnsignedShort(); i > 0; i--) {
                in.readUnsignedShort();
                String method = utf8[in.readUnsignedShort()];
                String descriptor = utf8[in.readUnsignedShort()];
                keys.add(method + descriptor);
                descriptors.add(descriptor);
                byte[] code = null;
                int[] catchTypes = new int[0];
                for (int a = in.readUnsignedShort(); a > 0; a--) {
                    String attr = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (!attr.equals("Code")) {
                        in.skipNBytes(length);
                        continue;
                    }
                    in.readUnsignedShort();
                    in.readUnsignedShort();
                    code = new byte[in.readInt()];
                    in.readFully(code);
                    catchTypes = new int[in.readUnsignedShort()];
                    for (int k = 0; k < catchTypes.length; k++) {
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                        catchTypes[k] = in.readUnsignedShort();
                    }
                    skipAttributes();
                }
                codes.add(code);
                catches.add(catchTypes);
            }
            boolean nested = false;
            for (int a = in.readUnsignedShort(); a > 0; a--) {
                String attr = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (attr.equals("BootstrapMethods")) {
                    bootstraps = new int[in.readUnsignedShort()][];
                    for (int k = 0; k < bootstraps.length; k++) {
                        int handle = in.readUnsignedShort();
                        int[] entry = new int[1 + in.readUnsignedShort()];
                        entry[0] = handle;
                        for (int j = 1; j < entry.length; j++) entry[j] = in.readUnsignedShort();
                        bootstraps[k] = entry;
                    }
                } else if (attr.equals("InnerClasses")) {
                    for (int k = in.readUnsignedShort(); k > 0; k--) {
                        int inner = in.readUnsignedShort();
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                        in.readUnsignedShort();
                        if (inner == thisIndex) nested = true;
                    }
                } else {
                    in.skipNBytes(length);
                }
            }
            Map<String, Code> methods = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                methods.put(keys.get(i), decode(descriptors.get(i), codes.get(i), catches.get(i)));
            }
            return new ClassFile(self, sup, List.copyOf(ifaces), nested, Set.copyOf(statics), Map.copyOf(methods));
        }

        private void readConstantPool() throws IOException {
            int count = in.readUnsignedShort();
            tag = new int[count];
            first = new int[count];
            second = new int[count];
            utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int t = in.readUnsignedByte();
                tag[i] = t;
                switch (t) {
                    case 1 -> utf8[i] = in.readUTF();
                    // Class, String, MethodType, Module, Package
                    case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                    case 3, 4 -> in.readInt();                                    // Integer, Float
                    case 9, 10, 11, 12, 17, 18 -> {                               // refs, NameAndType, (Invoke)Dynamic
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case 15 -> {                                                  // MethodHandle
                        first[i] = in.readUnsignedByte();
                        second[i] = in.readUnsignedShort();
                    }
                    case 5, 6 -> {                                                // Long, Double take two slots
                        in.readLong();
                        i++;
                    }
                    default -> throw new IOException("unknown constant pool tag " + t + " at " + i);
                }
            }
        }

        private void skipAttributes() throws IOException {
            for (int a = in.readUnsignedShort(); a > 0; a--) {
                in.readUnsignedShort();
                in.skipNBytes(in.readInt());
            }
        }

        /** The class a CONSTANT_Class names; for an array class, its element class (or null for primitives). */
        private String className(int index) throws IOException {
            if (tag[index] != 7) throw new IOException("constant " + index + " is not a class");
            String internal = utf8[first[index]];
            if (!internal.startsWith("[")) return internal.replace('/', '.');
            Set<String> element = new LinkedHashSet<>();
            addDescriptorTypes(internal, element);
            return element.isEmpty() ? null : element.iterator().next();
        }

        private Member member(int index) throws IOException {
            if (tag[index] < 9 || tag[index] > 11) throw new IOException("constant " + index + " is no member");
            int nat = second[index];
            return new Member(className(first[index]), utf8[first[nat]], utf8[second[nat]]);
        }

        private Code decode(String descriptor, byte[] code, int[] catchTypes) throws IOException {
            Sink out = new Sink();
            addDescriptorTypes(descriptor, out.classes);
            for (int c : catchTypes) if (c != 0) out.addClass(className(c));
            if (code == null) return out.freeze();
            int pc = 0;
            while (pc < code.length) {
                int op = code[pc] & 0xff;
                switch (op) {
                    case 0x12 -> constant(code[pc + 1] & 0xff, out, true);            // ldc
                    case 0x13, 0x14 -> constant(u2(code, pc + 1), out, true);         // ldc_w, ldc2_w
                    case 0xb2 -> out.reads.add(out.member(member(u2(code, pc + 1)))); // getstatic
                    case 0xb3 -> out.writes.add(out.member(member(u2(code, pc + 1)))); // putstatic
                    case 0xb4, 0xb5 -> out.member(member(u2(code, pc + 1)));          // getfield, putfield
                    case 0xb6, 0xb7, 0xb8, 0xb9 -> out.calls.add(out.member(member(u2(code, pc + 1))));
                    case 0xba -> {                                                    // invokedynamic
                        int index = u2(code, pc + 1);
                        addDescriptorTypes(utf8[second[second[index]]], out.classes);
                        bootstrap(first[index], out, new HashSet<>());
                    }
                    case 0xbb -> out.instantiated.add(out.addClass(className(u2(code, pc + 1)))); // new
                    case 0xbd, 0xc0, 0xc1, 0xc5 -> out.addClass(className(u2(code, pc + 1)));
                    default -> { }
                }
                pc += length(code, pc);
            }
            return out.freeze();
        }

        private static int length(byte[] code, int pc) throws IOException {
            int op = code[pc] & 0xff;
            if (op == 0xaa || op == 0xab) {                                           // tableswitch, lookupswitch
                int at = (pc + 4) & ~3;                                               // operands are 4-byte aligned
                if (op == 0xaa) return at - pc + 12 + 4 * (s4(code, at + 8) - s4(code, at + 4) + 1);
                return at - pc + 8 + 8 * s4(code, at + 4);
            }
            if (op == 0xc4) return (code[pc + 1] & 0xff) == 0x84 ? 6 : 4;             // wide
            if (LENGTH[op] == 0) throw new IOException("unknown opcode " + op + " at " + pc);
            return LENGTH[op];
        }

        /** A loadable constant: what a class, method handle, method type or dynamic constant names. */
        private void constant(int index, Sink out, boolean loaded) throws IOException {
            switch (tag[index]) {
                case 7 -> {
                    String c = out.addClass(className(index));
                    if (loaded) out.instantiated.add(c);
                }
                case 15 -> handle(index, out);
                case 16 -> addDescriptorTypes(utf8[first[index]], out.classes);
                case 17 -> {
                    addDescriptorTypes(utf8[second[second[index]]], out.classes);
                    bootstrap(first[index], out, new HashSet<>());
                }
                default -> { }
            }
        }

        private void handle(int index, Sink out) throws IOException {
            Member m = out.member(member(second[index]));
            switch (first[index]) {
                case 2 -> out.reads.add(m);                   // REF_getStatic
                case 4 -> out.writes.add(m);                  // REF_putStatic
                case 5, 6, 7, 9 -> out.calls.add(m);          // REF_invokeVirtual/Static/Special/Interface
                case 8 -> {                                   // REF_newInvokeSpecial: a constructor reference
                    out.calls.add(m);
                    out.instantiated.add(m.owner());
                }
                default -> { }                                // instance field handles name only their owner
            }
        }

        private void bootstrap(int which, Sink out, Set<Integer> seen) throws IOException {
            if (which >= bootstraps.length || !seen.add(which)) return;
            int[] entry = bootstraps[which];
            handle(entry[0], out);
            for (int j = 1; j < entry.length; j++) {
                int arg = entry[j];
                if (tag[arg] == 17) {
                    addDescriptorTypes(utf8[second[second[arg]]], out.classes);
                    bootstrap(first[arg], out, seen);
                } else {
                    constant(arg, out, false);
                }
            }
        }

        private static int u2(byte[] code, int at) {
            return (code[at] & 0xff) << 8 | (code[at + 1] & 0xff);
        }

        private static int s4(byte[] code, int at) {
            return (code[at] & 0xff) << 24 | (code[at + 1] & 0xff) << 16 | (code[at + 2] & 0xff) << 8
                    | (code[at + 3] & 0xff);
        }
    }

    /** What one method names, while it is being decoded. */
    private static final class Sink {
        final Set<String> classes = new LinkedHashSet<>();
        final Set<String> instantiated = new LinkedHashSet<>();
        final Set<Member> calls = new LinkedHashSet<>();
        final Set<Member> reads = new LinkedHashSet<>();
        final Set<Member> writes = new LinkedHashSet<>();

        String addClass(String c) {
            if (c != null) classes.add(c);
            return c;
        }

        Member member(Member m) {
            addClass(m.owner());
            addDescriptorTypes(m.descriptor(), classes);
            return m;
        }

        Code freeze() {
            instantiated.remove(null);
            return new Code(Collections.unmodifiableSet(classes), Collections.unmodifiableSet(instantiated),
                    Collections.unmodifiableSet(calls), Collections.unmodifiableSet(reads),
                    Collections.unmodifiableSet(writes));
        }
    }

    /** Adds the classes a field or method descriptor names (array element types included). */
    private static void addDescriptorTypes(String descriptor, Set<String> out) {
        int i = 0;
        while ((i = descriptor.indexOf('L', i)) >= 0) {
            int end = descriptor.indexOf(';', i);
            if (end < 0) return;
            String type = descriptor.substring(i + 1, end);
            if (!type.isEmpty()) out.add(type.replace('/', '.'));
            i = end + 1;
        }
    }
}
