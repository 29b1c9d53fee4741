package io.procbook.mp.internal;

import io.procbook.mp.spi.ClassSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packs an object for a child: serializes it, then finds the notebook classes it can reach and snapshots
 * their variables.
 *
 * <p>Reachability: the classes written into the stream (including a lambda's capturing and implementation
 * classes) are the roots; from each notebook class we follow the classes its constant pool names. This
 * over-approximates what the child will touch (a referenced class may never be used) but never walks
 * notebook state nobody refers to, so a huge array in an unrelated cell costs nothing. A class the walk
 * misses (say, loaded by name through reflection) is still served on demand, with its variables' values at
 * that moment.
 *
 * <p>Snapshot: only top-level notebook classes carry notebook variables (JShell makes each snippet a
 * top-level wrapper class whose static fields are the variables, assigned by {@code do_it$}, never by a
 * static initializer). Each field is serialized on its own so that one value that cannot be copied only
 * hurts a child that loads that variable's class.
 */
public final class BundleWriter {

    private BundleWriter() { }

    /**
     * @param object the object to send (its graph must be Serializable)
     * @param source the notebook's classes, or {@code null} outside a notebook
     * @throws IllegalArgumentException if {@code object} cannot be serialized, naming the offending class
     */
    public static Bundle write(Object object, ClassSource source) {
        Set<String> roots = new LinkedHashSet<>();
        byte[] bytes;
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (RecordingOutputStream out = new RecordingOutputStream(buf, roots)) {
                out.writeObject(object);
            }
            bytes = buf.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot send " + object.getClass().getName()
                    + " to a child process: " + Serial.describe(e)
                    + " (every object a task captures or holds must be Serializable)", e);
        }
        if (source == null) return new Bundle(bytes, Map.of(), Map.of());
        Map<String, byte[]> classes = new HashMap<>();
        Map<String, List<StaticValue>> statics = new HashMap<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (classes.containsKey(name)) continue;
            byte[] code = source.bytecode(name);
            if (code == null) continue;
            classes.put(name, code);
            List<StaticValue> vars = snapshot(source.loadedClass(name));
            if (!vars.isEmpty()) statics.put(name, vars);
            for (String ref : ClassRefs.referencedClasses(code)) if (!classes.containsKey(ref)) todo.push(ref);
        }
        return new Bundle(bytes, classes, statics);
    }

    /**
     * @param live a live notebook class, or {@code null}
     * @return the current values of its notebook variables (empty unless it is a top-level class)
     */
    public static List<StaticValue> snapshot(Class<?> live) {
        if (live == null || live.getEnclosingClass() != null) return List.of();
        List<StaticValue> out = new ArrayList<>();
        for (Field f : live.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || Modifier.isFinal(m) || f.isSynthetic()) continue;
            String type = f.getType().getTypeName();
            try {
                f.setAccessible(true); // JShell wrapper classes are package-private
                out.add(new StaticValue(f.getName(), type, Serial.toBytes(f.get(null)), null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                out.add(new StaticValue(f.getName(), type, null, Serial.describe(e)));
            }
        }
        return out;
    }

    /** Notes every class the stream writes, and the classes named by serialized lambdas. */
    private static final class RecordingOutputStream extends ObjectOutputStream {
        private final Set<String> seen;

        RecordingOutputStream(ByteArrayOutputStream out, Set<String> seen) throws IOException {
            super(out);
            this.seen = seen;
            enableReplaceObject(true);
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            seen.add(cl.getName());
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof SerializedLambda l) {
                seen.add(l.getCapturingClass().replace('/', '.'));
                seen.add(l.getImplClass().replace('/', '.'));
            }
            return obj;
        }
    }
}
