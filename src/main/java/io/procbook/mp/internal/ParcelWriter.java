package io.procbook.mp.internal;

import io.procbook.mp.spi.ClassSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packs an object for a child: serializes it, then finds the notebook code it can run and snapshots the
 * notebook variables that code reads.
 *
 * <p>Reachability ({@link CodeReach}): the classes written into the stream and the methods serialized lambdas
 * run are the roots; the walk follows, method by method, what reachable code calls and which static fields it
 * reads or writes. A variable no reachable code reads is not copied, so a huge array in an unrelated cell
 * costs nothing, and a variable that cannot be copied hurts only a child whose code reads it, even when it
 * lives in the same JShell wrapper class as the task's lambda (an expression statement's {@code $1}). A
 * class the walk misses (say, loaded by name through reflection) is still served on demand, with all its
 * variables' values at that moment.
 *
 * <p>Snapshot: only top-level notebook classes carry notebook variables (JShell makes each snippet a
 * top-level wrapper class whose static fields are the variables, assigned by {@code do_it$}, never by a
 * static initializer). Each variable is serialized on its own, so that one value that cannot be copied
 * only hurts a child that reads that variable.
 */
public final class ParcelWriter {

    private ParcelWriter() { }

    /**
     * @param object  the object to send (its graph must be Serializable)
     * @param source  the notebook's classes, or {@code null} outside a notebook
     * @param transit what the shared objects in the object and in the copied variables are held for: the
     *                caller releases it when the children that get this parcel have exited
     * @throws IllegalArgumentException if {@code object} cannot be serialized, naming the offending class
     */
    public static Parcel write(Object object, ClassSource source, Transit transit) {
        return transit.run(() -> write(object, source));
    }

    private static Parcel write(Object object, ClassSource source) {
        RecordingOutputStream.Seen seen = new RecordingOutputStream.Seen();
        byte[] bytes;
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try (RecordingOutputStream out = new RecordingOutputStream(buf, seen)) {
                out.writeObject(object);
            }
            bytes = buf.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot send " + object.getClass().getName()
                    + " to a child process: " + Serial.describe(e)
                    + " (every object a task captures or holds must be Serializable)", e);
        }
        if (source == null) return new Parcel(bytes, Map.of(), Map.of());
        CodeReach reach = new CodeReach(source);
        for (String c : seen.described) reach.addClass(c);
        for (String c : seen.instances) reach.addInstantiated(c);
        for (SerializedLambda l : seen.lambdas) {
            reach.addClass(binaryName(l.getCapturingClass()));
            reach.addClass(binaryName(l.getFunctionalInterfaceClass()));
            String impl = binaryName(l.getImplClass());
            if (l.getImplMethodKind() == MethodHandleInfo.REF_newInvokeSpecial) reach.addInstantiated(impl);
            reach.addMethod(impl, l.getImplMethodName(), l.getImplMethodSignature());
        }
        Map<String, List<StaticValue>> statics = new HashMap<>();
        for (String name : reach.classes().keySet()) {
            if (!reach.topLevel(name) && !reach.unreadable(name)) continue;
            Class<?> live = source.loadedClass(name);
            List<StaticValue> vars = reach.unreadable(name) ? snapshot(live)
                    : snapshot(live, reach.reads(name), reach.writes(name));
            if (!vars.isEmpty()) statics.put(name, vars);
        }
        return new Parcel(bytes, new HashMap<>(reach.classes()), statics);
    }

    private static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }

    /**
     * @param live    a live notebook class, or {@code null}
     * @param transit what shared objects in the values are held for (see {@link #write})
     * @return the current values of all its notebook variables (empty unless it is a top-level class)
     */
    public static List<StaticValue> snapshot(Class<?> live, Transit transit) {
        return transit.run(() -> snapshot(live));
    }

    private static List<StaticValue> snapshot(Class<?> live) {
        return snapshot(live, null, Set.of());
    }

    /**
     * @param read    the variables to copy, or {@code null} for all
     * @param written variables the child's code assigns without reading: listed as not copied
     */
    private static List<StaticValue> snapshot(Class<?> live, Set<String> read, Set<String> written) {
        if (live == null || live.getEnclosingClass() != null) return List.of();
        List<StaticValue> out = new ArrayList<>();
        for (Field f : live.getDeclaredFields()) {
            int m = f.getModifiers();
            if (!Modifier.isStatic(m) || Modifier.isFinal(m) || f.isSynthetic()) continue;
            String type = f.getType().getTypeName();
            if (read != null && !read.contains(f.getName())) {
                if (written.contains(f.getName())) out.add(StaticValue.notCopied(f.getName(), type));
                continue;
            }
            try {
                out.add(new StaticValue(f.getName(), type, Serial.toBytes(PrivateAccess.notebookVariable(f)), null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                out.add(new StaticValue(f.getName(), type, null, Serial.describe(e)));
            }
        }
        return out;
    }

    /**
     * Notes what the stream writes: the classes it describes (for a {@code Class} object too, such as a
     * serialized lambda's capturing class), the classes of the objects in it (which exist as instances in the
     * child, so any of their methods may run) and the serialized lambdas.
     */
    private static final class RecordingOutputStream extends PrivateObjectOutputStream {

        /** What one stream wrote. */
        static final class Seen {
            final Set<String> described = new LinkedHashSet<>();
            final Set<String> instances = new LinkedHashSet<>();
            final List<SerializedLambda> lambdas = new ArrayList<>();
        }

        private final Seen seen;

        RecordingOutputStream(ByteArrayOutputStream out, Seen seen) throws IOException {
            super(out);
            this.seen = seen;
            enableReplaceObject(true);
        }

        @Override
        protected void annotateClass(Class<?> cl) {
            seen.described.add(cl.getName());
        }

        /** Called for every object written after its writeReplace, except Class objects. */
        @Override
        protected Object replaceObject(Object obj) {
            if (obj instanceof SerializedLambda l) {
                seen.lambdas.add(l);
            } else if (obj instanceof PortableLambda copy) {
                seen.lambdas.add(copy.form());
                seen.instances.add(copy.getClass().getName());
            } else {
                Class<?> c = obj.getClass();
                while (c.isArray()) c = c.getComponentType();
                if (c == obj.getClass()) seen.instances.add(c.getName());
                else if (!c.isPrimitive()) seen.described.add(c.getName());
            }
            return obj;
        }
    }
}
